<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the print vocabulary (urn:pia:print:1) to one self-contained
  HTML page: the same structure and the same words as the PDF (cover with
  the form's stamp and title, 項目一覧 with links, numbered sections,
  bordered label/value tables, choices, boxes and counts, the notices of
  withheld and absent parts, figures as framed file names, the 変更箇所
  table at the width of the screen), styles inline, no external resource.
  Every row is an anchor (#SECTION-N).  Readable on a phone (tables turn
  into stacked label/value blocks below 40em) and printable (A4, page
  numbers "n / N", header rows of the change table repeated).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:p="urn:pia:print:1"
  exclude-result-prefixes="p">

<xsl:output method="html" encoding="UTF-8" indent="no"
  doctype-system="about:legacy-compat"/>

<xsl:template match="/p:print">
  <html lang="ja">
    <head>
      <meta charset="UTF-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="author" content="{@author}"/>
      <meta name="description" content="{@subject}"/>
      <meta name="keywords" content="{@keywords}"/>
      <meta name="generator" content="pia"/>
      <title><xsl:value-of select="@title"/></title>
      <style>
body { font-family: "Noto Sans CJK JP", "IPAexGothic", "Hiragino Sans", "Yu Gothic", sans-serif;
  font-size: 10.5pt; line-height: 1.6; margin: 0; padding: 1em;
  color: #000; background: #fff; line-break: strict; overflow-wrap: anywhere; }
header.run, body > section { max-width: 52em; margin-left: auto; margin-right: auto; }
/* the 変更箇所 table takes the width of the screen */
body > section#sec-changes { max-width: none; }
header.run { font-size: 8pt; color: #444; border-bottom: 1px solid #000; margin-bottom: 1em; }
h1 { font-size: 1.6em; margin: .6em 0 .2em; text-align: center; }
p.withheld, p.absent { font-weight: bold; }
a.anchor { color: #888; text-decoration: none; visibility: hidden; margin-right: .2em; }
tr:hover a.anchor, tr:target a.anchor { visibility: visible; }
tr:target { outline: 2px solid #36c; }
figure.fig .frame { border: 1px solid #000; padding: 2em; text-align: center; }
h2 { font-size: 1.2em; margin: 1.6em 0 .4em; }
p.style { text-align: right; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; table-layout: fixed; }
th, td { border: 1px solid #000; padding: .25em .4em; vertical-align: top; text-align: left; }
th { background: #e6e6e6; font-weight: normal; }
th.d1 { padding-left: 1.2em; } th.d2 { padding-left: 2em; } th.d3 { padding-left: 2.8em; }
th.d4 { padding-left: 3.6em; }
td p { margin: 0 0 .2em; }
td ol, td ul { margin: 0; padding-left: 1.6em; }
.choice .value { font-weight: bold; }
.choice .opts, .group, .note { font-size: .85em; }
.group { font-weight: bold; margin-top: .2em; }
.checks span.c, .packed span.c { display: inline-block; margin-right: 1em; white-space: nowrap; }
.checks span.c.on { font-weight: bold; }
nav.toc a { display: block; border-bottom: 1px solid #bbb; padding: .15em 0; color: inherit; text-decoration: none; }
nav.toc a:hover { background: #f0f0f0; }
section.page { break-before: page; }
@media (max-width: 40em) {
  body { font-size: 11pt; padding: .5em; }
  table.kv, table.kv tbody, table.kv tr, table.kv th, table.kv td { display: block; width: auto; }
  table.kv tr { border-bottom: 1px solid #000; }
  table.kv th, table.kv td { border: none; }
  table.kv colgroup { display: none; }
  table.grid { font-size: .85em; }
}
@media print {
  @page { size: A4; margin: 20mm 18mm;
    @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
  a.anchor { display: none; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  nav.toc a { border-bottom: none; }
}
      </style>
    </head>
    <body>
      <header class="run"><xsl:value-of select="@header"/></header>
      <xsl:apply-templates select="p:page | p:section"/>
    </body>
  </html>
</xsl:template>

<xsl:template match="p:page">
  <section id="{@id}"><xsl:apply-templates/></section>
</xsl:template>

<xsl:template match="p:section">
  <section id="{@id}" class="page"><xsl:apply-templates/></section>
</xsl:template>

<xsl:template match="p:heading[@level='0']"><h1><xsl:apply-templates/></h1></xsl:template>
<xsl:template match="p:heading[@level='2']"><h3><xsl:apply-templates/></h3></xsl:template>
<xsl:template match="p:heading"><h2><xsl:apply-templates/></h2></xsl:template>

<xsl:template match="p:page/p:p[@align='right']" priority="1">
  <p class="style"><xsl:apply-templates/></p>
</xsl:template>
<xsl:template match="p:page/p:p | p:section/p:p">
  <p><xsl:if test="@absent"><xsl:attribute name="class">absent</xsl:attribute></xsl:if><xsl:apply-templates/></p>
</xsl:template>

<xsl:template match="p:toc">
  <nav class="toc">
    <xsl:for-each select="p:entry">
      <a href="#{@target}"><xsl:value-of select="."/></a>
    </xsl:for-each>
  </nav>
</xsl:template>

<xsl:template match="p:table">
  <table>
    <xsl:attribute name="class">
      <xsl:choose><xsl:when test="p:row[@header='yes']">grid</xsl:when><xsl:otherwise>kv</xsl:otherwise></xsl:choose>
    </xsl:attribute>
    <colgroup>
      <xsl:call-template name="cols"><xsl:with-param name="s" select="normalize-space(@cols)"/></xsl:call-template>
    </colgroup>
    <xsl:if test="p:row[@header='yes']">
      <thead><xsl:apply-templates select="p:row[@header='yes']"/></thead>
    </xsl:if>
    <tbody><xsl:apply-templates select="p:row[not(@header='yes')]"/></tbody>
  </table>
</xsl:template>

<xsl:template name="cols">
  <xsl:param name="s"/>
  <xsl:if test="$s != ''">
    <xsl:variable name="w" select="substring-before(concat($s, ' '), ' ')"/>
    <col style="width:{$w}%"/>
    <xsl:call-template name="cols"><xsl:with-param name="s" select="substring-after($s, ' ')"/></xsl:call-template>
  </xsl:if>
</xsl:template>

<!-- every row an anchor: #SECTION-N, N its place in the section -->
<xsl:template match="p:row">
  <xsl:variable name="id" select="concat(ancestor::*[@id][1]/@id, '-', count(preceding-sibling::p:row) + 1)"/>
  <tr id="{$id}">
    <xsl:apply-templates select="p:cell">
      <xsl:with-param name="id" select="$id"/>
    </xsl:apply-templates>
  </tr>
</xsl:template>

<xsl:template match="p:cell[@role='label']">
  <xsl:param name="id"/>
  <th class="d{@depth}">
    <xsl:if test="@span"><xsl:attribute name="colspan"><xsl:value-of select="@span"/></xsl:attribute></xsl:if>
    <xsl:if test="not(preceding-sibling::p:cell) and not(../@header)"><a class="anchor" href="#{$id}">#</a></xsl:if>
    <xsl:apply-templates/>
  </th>
</xsl:template>
<xsl:template match="p:cell">
  <td>
    <xsl:if test="@span"><xsl:attribute name="colspan"><xsl:value-of select="@span"/></xsl:attribute></xsl:if>
    <xsl:apply-templates/>
  </td>
</xsl:template>

<xsl:template match="p:cell/p:p">
  <p>
    <xsl:if test="@withheld"><xsl:attribute name="class">withheld</xsl:attribute></xsl:if>
    <xsl:if test="@absent"><xsl:attribute name="class">absent</xsl:attribute></xsl:if>
    <xsl:if test="@indent &gt; 0"><xsl:attribute name="style">margin-left:<xsl:value-of select="@indent"/>em</xsl:attribute></xsl:if>
    <xsl:if test="@weight='bold'"><xsl:attribute name="class">group</xsl:attribute></xsl:if>
    <xsl:apply-templates/>
  </p>
</xsl:template>
<xsl:template match="p:br"><br/></xsl:template>
<xsl:template match="p:del"><del><xsl:apply-templates/></del></xsl:template>
<xsl:template match="p:ins"><ins><xsl:apply-templates/></ins></xsl:template>

<xsl:template match="p:list[@pack='yes']">
  <div class="packed">
    <xsl:if test="@indent &gt; 0"><xsl:attribute name="style">margin-left:<xsl:value-of select="@indent"/>em</xsl:attribute></xsl:if>
    <xsl:for-each select="p:item"><span class="c"><xsl:value-of select="concat(../@bullet, .)"/></span></xsl:for-each>
  </div>
</xsl:template>

<xsl:template match="p:list">
  <xsl:variable name="el"><xsl:choose><xsl:when test="@type='ol'">ol</xsl:when><xsl:otherwise>ul</xsl:otherwise></xsl:choose></xsl:variable>
  <xsl:element name="{$el}">
    <xsl:if test="@indent &gt; 0"><xsl:attribute name="style">margin-left:<xsl:value-of select="@indent"/>em</xsl:attribute></xsl:if>
    <xsl:for-each select="p:item"><li><xsl:apply-templates/></li></xsl:for-each>
  </xsl:element>
</xsl:template>

<xsl:template match="p:choice">
  <div class="choice">
    <div class="value"><b>[ <xsl:value-of select="@value"/> ]</b>
      <xsl:if test="@after"><xsl:text>　</xsl:text><xsl:value-of select="@after"/></xsl:if></div>
    <div class="opts"><xsl:value-of select="@caption"/>
      <xsl:for-each select="p:option"><xsl:text>　</xsl:text><xsl:value-of select="concat(@n, ') ', .)"/></xsl:for-each>
    </div>
  </div>
</xsl:template>

<xsl:template match="p:checks">
  <div class="checks">
    <xsl:for-each select="p:check">
      <xsl:if test="@group and not(preceding-sibling::p:check[1]/@group = @group)">
        <div class="group"><xsl:value-of select="@group"/></div>
      </xsl:if>
      <span class="c">
        <xsl:if test="@mark='on'"><xsl:attribute name="class">c on</xsl:attribute></xsl:if>
        <xsl:value-of select="@sign"/><xsl:text> </xsl:text><xsl:value-of select="."/>
        <xsl:if test="@slot"> ( <xsl:value-of select="@slot"/> )</xsl:if>
        <xsl:if test="@after"><xsl:text> </xsl:text><xsl:value-of select="@after"/></xsl:if>
      </span>
    </xsl:for-each>
  </div>
</xsl:template>

<xsl:template match="p:figure">
  <figure class="fig"><div class="frame" role="img" aria-label="{@alt}">[<xsl:value-of select="@src"/>]</div>
    <xsl:if test="normalize-space(.) != ''"><figcaption><xsl:value-of select="."/></figcaption></xsl:if>
  </figure>
</xsl:template>

<xsl:template match="p:note">
  <p class="note"><xsl:value-of select="."/><xsl:if test="@src"> [<xsl:value-of select="@src"/>]</xsl:if></p>
</xsl:template>

</xsl:stylesheet>
