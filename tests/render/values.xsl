<?xml version="1.0" encoding="UTF-8"?>
<!-- values.xsl: every value of an assessment, one per line, as the render
     tests look for it in the PDF text: text nodes and category names;
     ISO dates are printed as "DATE YYYY-MM-DD" for the test to convert. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:a="urn:pia:assessment:1">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/">
  <xsl:for-each select="//text()[normalize-space() != ''] | //a:category/@name">
    <xsl:choose>
      <xsl:when test="translate(normalize-space(), '0123456789', '') = '--' and string-length(normalize-space()) = 10">
        <xsl:text>DATE </xsl:text>
      </xsl:when>
    </xsl:choose>
    <xsl:value-of select="normalize-space()"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:for-each>
</xsl:template>
</xsl:stylesheet>
