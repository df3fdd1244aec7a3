<?xml version="1.0" encoding="UTF-8"?>
<!--
  print2fo.xsl: the print vocabulary to XSL-FO, for the benchmark only
  (tests/bench/render.sh): Apache FOP then sets the same content, with the
  same page, tables, header and footer, as pia render.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:p="urn:pia:print:1" xmlns:fo="http://www.w3.org/1999/XSL/Format"
  exclude-result-prefixes="p">
<xsl:output method="xml" encoding="UTF-8"/>
<xsl:template match="/p:print">
  <fo:root font-family="NotoSansCJKjp" font-size="9pt" line-height="1.45" language="ja">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
        margin-top="12mm" margin-bottom="10mm" margin-left="18mm" margin-right="18mm">
        <fo:region-body margin-top="10mm" margin-bottom="10mm"/>
        <fo:region-before extent="8mm"/>
        <fo:region-after extent="8mm"/>
      </fo:simple-page-master>
    </fo:layout-master-set>
    <fo:page-sequence master-reference="A4">
      <fo:static-content flow-name="xsl-region-before">
        <fo:block font-size="7.5pt" border-bottom="0.5pt solid black"><xsl:value-of select="@header"/></fo:block>
      </fo:static-content>
      <fo:static-content flow-name="xsl-region-after">
        <fo:block font-size="7.5pt" text-align="center"><fo:page-number/> / <fo:page-number-citation-last ref-id="end"/></fo:block>
      </fo:static-content>
      <fo:flow flow-name="xsl-region-body">
        <xsl:apply-templates select="p:page | p:section"/>
        <fo:block id="end"/>
      </fo:flow>
    </fo:page-sequence>
  </fo:root>
</xsl:template>
<xsl:template match="p:page | p:section">
  <fo:block id="{@id}" break-before="page"><xsl:apply-templates/></fo:block>
</xsl:template>
<xsl:template match="p:heading">
  <fo:block font-size="12pt" font-weight="bold" space-after="6pt" keep-with-next="always"><xsl:if test="@align='center'"><xsl:attribute name="text-align">center</xsl:attribute></xsl:if><xsl:if test="@level='0'"><xsl:attribute name="font-size">16pt</xsl:attribute></xsl:if><xsl:value-of select="."/></fo:block>
</xsl:template>
<xsl:template match="p:p">
  <fo:block><xsl:if test="@align='right'"><xsl:attribute name="text-align">end</xsl:attribute></xsl:if><xsl:apply-templates/></fo:block>
</xsl:template>
<xsl:template match="p:br"><fo:block/></xsl:template>
<xsl:template match="p:toc">
  <fo:block space-before="12pt">
    <xsl:for-each select="p:entry">
      <fo:block border-bottom="0.3pt solid #999"><fo:basic-link internal-destination="{@target}"><xsl:value-of select="."/></fo:basic-link></fo:block>
    </xsl:for-each>
  </fo:block>
</xsl:template>
<xsl:template match="p:table">
  <fo:table table-layout="fixed" width="100%" border-collapse="collapse" space-after="6pt">
    <xsl:call-template name="cols"><xsl:with-param name="s" select="normalize-space(@cols)"/></xsl:call-template>
    <xsl:if test="p:row[@header='yes']">
      <fo:table-header><xsl:apply-templates select="p:row[@header='yes']"/></fo:table-header>
    </xsl:if>
    <fo:table-body><xsl:apply-templates select="p:row[not(@header='yes')]"/></fo:table-body>
  </fo:table>
</xsl:template>
<xsl:template name="cols">
  <xsl:param name="s"/>
  <xsl:if test="$s != ''">
    <fo:table-column column-width="proportional-column-width({substring-before(concat($s, ' '), ' ')})"/>
    <xsl:call-template name="cols"><xsl:with-param name="s" select="substring-after($s, ' ')"/></xsl:call-template>
  </xsl:if>
</xsl:template>
<xsl:template match="p:row"><fo:table-row><xsl:if test="@header='yes' or @keep='next' or count(p:cell) = 1"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if><xsl:if test="@keep='next' or count(p:cell) = 1"><xsl:attribute name="keep-with-next">always</xsl:attribute></xsl:if><xsl:apply-templates select="p:cell"/></fo:table-row></xsl:template>
<xsl:template match="p:cell">
  <fo:table-cell border="0.5pt solid black" padding="3.5pt">
    <xsl:if test="@span"><xsl:attribute name="number-columns-spanned"><xsl:value-of select="@span"/></xsl:attribute></xsl:if>
    <xsl:if test="@role='label'"><xsl:attribute name="background-color">#e6e6e6</xsl:attribute></xsl:if>
    <fo:block>
      <xsl:if test="@depth &gt; 0"><xsl:attribute name="start-indent"><xsl:value-of select="@depth * 9"/>pt</xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </fo:table-cell>
</xsl:template>
<xsl:template match="p:list[@pack='yes']">
  <fo:block><xsl:for-each select="p:item"><xsl:value-of select="concat(../@bullet, .)"/>　</xsl:for-each></fo:block>
</xsl:template>
<xsl:template match="p:list">
  <xsl:for-each select="p:item">
    <fo:block><xsl:choose><xsl:when test="../@type='ol'"><xsl:value-of select="position()"/>. </xsl:when><xsl:otherwise>・</xsl:otherwise></xsl:choose><xsl:apply-templates/></fo:block>
  </xsl:for-each>
</xsl:template>
<xsl:template match="p:choice">
  <fo:block><fo:inline font-weight="bold">[ <xsl:value-of select="@value"/> ]</fo:inline><xsl:if test="@after">　<xsl:value-of select="@after"/></xsl:if>　<fo:inline font-size="7.5pt"><xsl:value-of select="@caption"/></fo:inline></fo:block>
  <fo:block font-size="7.5pt"><xsl:for-each select="p:option"><xsl:value-of select="concat(@n, ') ', .)"/>　</xsl:for-each></fo:block>
</xsl:template>
<xsl:template match="p:checks">
  <fo:block><xsl:for-each select="p:check"><fo:inline><xsl:if test="@mark='on'"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if><xsl:value-of select="concat(@sign, ' ', .)"/></fo:inline><xsl:if test="@slot"> ( <xsl:value-of select="@slot"/> )</xsl:if><xsl:if test="@after"><xsl:value-of select="concat(' ', @after)"/></xsl:if>　</xsl:for-each></fo:block>
</xsl:template>
<xsl:template match="p:figure">
  <fo:block break-before="page" text-align="center"><fo:external-graphic src="url({@src})" content-width="scale-to-fit" width="100%" scaling="uniform"/></fo:block>
  <fo:block font-size="7.5pt" text-align="center" break-after="page"><xsl:value-of select="."/></fo:block>
</xsl:template>
<xsl:template match="p:p[@withheld or @absent]"><fo:block font-weight="bold"><xsl:apply-templates/></fo:block></xsl:template>
<xsl:template match="p:note"><fo:block font-size="7.5pt"><xsl:value-of select="."/></fo:block></xsl:template>
</xsl:stylesheet>
