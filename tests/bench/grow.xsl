<?xml version="1.0" encoding="UTF-8"?>
<!-- grow.xsl: makes a larger assessment for benchmarks by repeating the
     entries of the repeating parts (systems, 委託事項, 提供先, 移転先,
     変更箇所 rows) $times times, with fresh ids.  The result stays valid. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:a="urn:pia:assessment:1">
<xsl:param name="times" select="2"/>
<xsl:template match="@*|node()">
  <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
</xsl:template>
<xsl:template match="a:systems/a:system|a:task|a:recipient|a:destination|a:change">
  <xsl:param name="i" select="1"/>
  <xsl:copy-of select="."/>
  <xsl:call-template name="rep"><xsl:with-param name="n" select="2"/></xsl:call-template>
</xsl:template>
<xsl:template name="rep">
  <xsl:param name="n"/>
  <xsl:if test="$n &lt;= $times">
    <xsl:copy>
      <xsl:attribute name="id"><xsl:value-of select="concat(@id, '-x', $n)"/></xsl:attribute>
      <xsl:copy-of select="node()"/>
    </xsl:copy>
    <xsl:call-template name="rep"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template>
  </xsl:if>
</xsl:template>
</xsl:stylesheet>
