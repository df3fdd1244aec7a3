<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl: an assessment (urn:pia:assessment:1) to the print vocabulary
  (urn:pia:print:1, contract in templates/print.rng).

  No label is typed here.  The stylesheet walks the vocabulary of the
  document's kind, resolved by templates/transform.c and handed over as
  pia:form() (elements n with @t section|group|list|field|derived, @ft the
  field type, @title the printed label with number and ※, o children the
  option texts), and pulls each value from the assessment.  The only words
  of its own are the form's chrome below (the <選択肢> caption and the
  range sign of a period), kept in one place.

  Parameter only: '' (everything) or 'changes' (the 変更箇所 table alone).
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:a="urn:pia:assessment:1"
  xmlns:pia="urn:pia:xslt:1"
  xmlns:dyn="http://exslt.org/dynamic"
  xmlns:exsl="http://exslt.org/common"
  xmlns:m="urn:pia:marks:1"
  xmlns="urn:pia:print:1"
  extension-element-prefixes="dyn exsl pia"
  exclude-result-prefixes="a pia dyn exsl m">

<xsl:output method="xml" encoding="UTF-8" indent="no"/>

<xsl:param name="only" select="''"/>
<!-- 'yes': the public edition (pia render, option public) -->
<xsl:param name="public" select="''"/>

<xsl:variable name="form" select="pia:form()"/>
<xsl:variable name="A" select="/a:assessment"/>
<xsl:variable name="cover" select="$A/a:cover"/>
<xsl:variable name="none" select="/.."/>

<!-- the form's own words (model/vocab.xml <texts>) -->
<xsl:variable name="t-options" select="string($form/t[@id='options'])"/>
<xsl:variable name="t-range" select="string($form/t[@id='range'])"/>
<xsl:variable name="t-on" select="string($form/t[@id='box-on'])"/>
<xsl:variable name="t-off" select="string($form/t[@id='box-off'])"/>
<xsl:variable name="t-unknown" select="string($form/t[@id='box-unknown'])"/>
<xsl:variable name="t-count" select="string($form/t[@id='count'])"/>
<xsl:variable name="t-bullet" select="string($form/t[@id='bullet'])"/>
<xsl:variable name="t-withheld" select="string($form/t[@id='withheld'])"/>
<xsl:variable name="t-absent" select="string($form/t[@id='absent'])"/>
<xsl:variable name="t-unplaced" select="string($form/t[@id='unplaced'])"/>
<xsl:variable name="t-line-before" select="string($form/t[@id='line-before'])"/>
<xsl:variable name="t-line-after" select="string($form/t[@id='line-after'])"/>
<xsl:variable name="t-withheld-mark" select="string($form/t[@id='withheld-mark'])"/>

<xsl:template match="/">
  <xsl:variable name="cv" select="$form/n[@el='cover']"/>
  <xsl:variable name="title"><xsl:call-template name="shown"><xsl:with-param name="n" select="$cover/a:title"/></xsl:call-template></xsl:variable>
  <xsl:variable name="org"><xsl:call-template name="shown"><xsl:with-param name="n" select="$cover/a:organization"/></xsl:call-template></xsl:variable>
  <xsl:variable name="num"><xsl:call-template name="shown"><xsl:with-param name="n" select="$cover/a:number"/></xsl:call-template></xsl:variable>
  <print kind="{$form/@kind}" title="{$title}"
    author="{$org}"
    subject="{$form/@name} ({$form/@style})"
    keywords="{$form/@name}, {$form/@style}, {$cv/n[@el='number']/@label} {$num}, {$org}"
    header="{$title}" continued="{$form/t[@id='continued']}">
    <xsl:choose>
      <xsl:when test="$only = 'changes'">
        <xsl:apply-templates select="$form/n[@el='changes']" mode="top">
          <xsl:with-param name="ctx" select="$A"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <page id="cover" outline="{$cv/@title}">
          <!-- the stamp at the top right, then the title, as the form prints them -->
          <xsl:variable name="fv" select="normalize-space($A/@form-version)"/>
          <p align="right">
            <xsl:value-of select="concat('[', $fv, substring($form/@form-version, 1 div ($fv = '')), ']')"/>
          </p>
          <heading level="0" align="center"><xsl:value-of select="$form/@title"/></heading>
          <table cols="34 66">
            <xsl:call-template name="cover-rows">
              <xsl:with-param name="cv" select="$cv"/>
            </xsl:call-template>
          </table>
          <heading level="2"><xsl:value-of select="$form/t[@id='toc']"/></heading>
          <toc>
            <xsl:apply-templates select="$form/n[not(@el='cover')]" mode="toc">
              <xsl:with-param name="ctx" select="$A"/>
            </xsl:apply-templates>
          </toc>
        </page>
        <xsl:apply-templates select="$form/n[not(@el='cover')]" mode="top">
          <xsl:with-param name="ctx" select="$A"/>
        </xsl:apply-templates>
        <!-- an imported document: the text the importer could not place,
             in an appendix of its own, nothing left out -->
        <xsl:if test="$A/a:unplaced">
          <section id="sec-unplaced" outline="{$t-unplaced}" break="page">
            <heading level="1"><xsl:value-of select="$t-unplaced"/></heading>
            <table cols="34 66">
              <xsl:for-each select="$A/a:unplaced">
                <row>
                  <cell role="label"><xsl:value-of select="normalize-space(concat($t-line-before, @source-line, $t-line-after, ' ', @heading))"/></cell>
                  <cell><xsl:call-template name="unplaced-value"/></cell>
                </row>
              </xsl:for-each>
            </table>
          </section>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </print>
</xsl:template>

<xsl:template name="unplaced-value">
  <xsl:choose>
    <xsl:when test="$public = 'yes' and ancestor-or-self::a:*[@public = 'no']"><p withheld="yes"><xsl:value-of select="$t-withheld"/></p></xsl:when>
    <xsl:otherwise><p><xsl:value-of select="normalize-space(.)"/></p></xsl:otherwise>
  </xsl:choose>
</xsl:template>


<!-- ===================== top level: sections and the file list ===================== -->

<xsl:template match="n[@t='section']" mode="top">
  <xsl:param name="ctx"/>
  <xsl:param name="suffix" select="''"/>
  <xsl:param name="idp" select="''"/>
  <xsl:variable name="v" select="."/>
  <xsl:variable name="e" select="$ctx/a:*[local-name() = $v/@el]"/>
  <section id="sec-{@el}{$idp}" outline="{@title}{$suffix}" break="page">
    <heading level="1"><xsl:value-of select="@title"/></heading>
    <xsl:if test="$suffix != ''">
      <p><xsl:value-of select="normalize-space($suffix)"/></p>
    </xsl:if>
    <xsl:choose>
      <!-- a part the source of an import did not have -->
      <xsl:when test="$e[@absent = 'yes']"><p absent="yes"><xsl:value-of select="$t-absent"/></p></xsl:when>
      <xsl:when test="count(n) = 1 and n[@t='list'] and not(n/n[@t!='field'])">
        <xsl:apply-templates select="n" mode="tabular">
          <xsl:with-param name="ctx" select="$e"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <!-- the figure of 別添1: full width, on a page of its own -->
        <xsl:for-each select="n[@ft='image']">
          <xsl:variable name="f" select="."/>
          <xsl:for-each select="$e/a:*[local-name() = $f/@el]/a:image">
            <figure src="{@src}">
              <xsl:attribute name="alt">
                <xsl:choose>
                  <xsl:when test="normalize-space(.) != ''"><xsl:value-of select="normalize-space(.)"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="concat($v/@title, ' ', $f/@label)"/></xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:value-of select="normalize-space(.)"/>
            </figure>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:if test="n[not(@ft='image')]">
          <table cols="34 66">
            <xsl:apply-templates select="n[not(@ft='image')]" mode="row">
              <xsl:with-param name="ctx" select="$e"/>
            </xsl:apply-templates>
          </table>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

<xsl:template match="n[@t='list']" mode="top">
  <xsl:param name="ctx"/>
  <xsl:variable name="v" select="."/>
  <xsl:for-each select="$ctx/a:*[local-name() = $v/@el]/a:*[local-name() = $v/@entry]
      | $ctx[not($v/@el)]/a:*[local-name() = $v/@entry]">
    <xsl:variable name="ent" select="."/>
    <xsl:variable name="pos" select="position()"/>
    <xsl:variable name="fname"><xsl:call-template name="shown"><xsl:with-param name="n" select="$ent/a:overview/a:name"/></xsl:call-template></xsl:variable>
    <xsl:for-each select="$v/n">
      <xsl:apply-templates select="." mode="top">
        <xsl:with-param name="ctx" select="$ent"/>
        <xsl:with-param name="suffix"
          select="concat(' (', $v/@label, $pos, ' ', $fname, ')')"/>
        <xsl:with-param name="idp" select="concat('-', $pos)"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:for-each>
</xsl:template>

<xsl:template match="n" mode="top"/>

<!-- the 項目一覧 of the cover: one entry per part of the form, worded as
     the form words it (number and label, no ※); the parts that repeat per
     特定個人情報ファイル are listed once and link to the first file's. -->
<xsl:template match="n[@t='section']" mode="toc">
  <xsl:param name="idp" select="''"/>
  <entry target="sec-{@el}{$idp}">
    <xsl:value-of select="normalize-space(concat(@num, ' ', @label))"/>
  </entry>
</xsl:template>

<xsl:template match="n[@t='list']" mode="toc">
  <xsl:apply-templates select="n" mode="toc">
    <xsl:with-param name="idp" select="'-1'"/>
  </xsl:apply-templates>
</xsl:template>

<xsl:template match="n" mode="toc"/>

<!-- The cover as the form lays it out: 評価書番号 | 評価書名 side by side,
     label over value; every other item a label row over its value. -->
<xsl:template name="cover-rows">
  <xsl:param name="cv"/>
  <xsl:variable name="num" select="$cv/n[@el='number']"/>
  <xsl:variable name="ttl" select="$cv/n[@el='title']"/>
  <row keep="next">
    <cell role="label"><xsl:value-of select="$num/@title"/></cell>
    <cell role="label"><xsl:value-of select="$ttl/@title"/></cell>
  </row>
  <row>
    <cell><xsl:apply-templates select="$num" mode="value"><xsl:with-param name="e" select="$cover/a:number"/></xsl:apply-templates></cell>
    <cell><xsl:apply-templates select="$ttl" mode="value"><xsl:with-param name="e" select="$cover/a:title"/></xsl:apply-templates></cell>
  </row>
  <xsl:for-each select="$cv/n[not(@el='number' or @el='title')]">
    <row><cell role="label" span="2"><xsl:value-of select="@title"/></cell></row>
    <row>
      <cell span="2">
        <xsl:apply-templates select="." mode="value">
          <xsl:with-param name="e" select="$cover/a:*[local-name() = current()/@el]"/>
        </xsl:apply-templates>
      </cell>
    </row>
  </xsl:for-each>
</xsl:template>

<!-- ===================== rows of a label/value table ===================== -->

<xsl:template match="n[@t='field']" mode="row">
  <xsl:param name="ctx"/>
  <xsl:param name="depth" select="0"/>
  <row>
    <cell role="label" depth="{$depth}"><xsl:value-of select="@title"/></cell>
    <cell>
      <xsl:apply-templates select="." mode="value">
        <xsl:with-param name="e" select="$ctx/a:*[local-name() = current()/@el]"/>
        <xsl:with-param name="ctx" select="$ctx"/>
      </xsl:apply-templates>
    </cell>
  </row>
</xsl:template>

<!-- a count the form prints in the cell before it ("( 7 ) 件") -->
<xsl:template match="n[@t='derived' and @inline='yes']" mode="row" priority="1"/>

<xsl:template match="n[@t='derived']" mode="row">
  <xsl:param name="ctx"/>
  <xsl:param name="depth" select="0"/>
  <row>
    <cell role="label" depth="{$depth}"><xsl:value-of select="@title"/></cell>
    <cell><xsl:call-template name="derived"><xsl:with-param name="ctx" select="$ctx"/></xsl:call-template></cell>
  </row>
</xsl:template>

<!-- A derived value: @value evaluated at the parent element, or at the
     assessment root when that gives no node (paths from the root). -->
<xsl:template name="derived">
  <xsl:param name="ctx"/>
  <xsl:variable name="v" select="."/>
  <xsl:variable name="here">
    <xsl:for-each select="$ctx[1]">
      <xsl:variable name="r" select="dyn:evaluate($v/@value)"/>
      <xsl:choose>
        <xsl:when test="exsl:object-type($r) = 'node-set'">
          <xsl:for-each select="$r"><v><xsl:call-template name="shown"><xsl:with-param name="n" select="."/></xsl:call-template></v></xsl:for-each>
        </xsl:when>
        <xsl:otherwise><v><xsl:value-of select="$r"/></v></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="root">
    <xsl:if test="count(exsl:node-set($here)/*) = 0">
      <xsl:for-each select="$A">
        <xsl:variable name="r" select="dyn:evaluate($v/@value)"/>
        <xsl:choose>
          <xsl:when test="exsl:object-type($r) = 'node-set'">
            <xsl:for-each select="$r"><v><xsl:call-template name="shown"><xsl:with-param name="n" select="."/></xsl:call-template></v></xsl:for-each>
          </xsl:when>
          <xsl:otherwise><v><xsl:value-of select="$r"/></v></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="vals" select="exsl:node-set($here)/* | exsl:node-set($root)/*"/>
  <xsl:choose>
    <xsl:when test="count($vals) &gt; 1">
      <list type="ol">
        <xsl:for-each select="$vals"><item><xsl:value-of select="."/></item></xsl:for-each>
      </list>
    </xsl:when>
    <xsl:otherwise><p><xsl:value-of select="$vals"/></p></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="n[@t='group']" mode="row">
  <xsl:param name="ctx"/>
  <xsl:param name="depth" select="0"/>
  <xsl:variable name="g" select="$ctx/a:*[local-name() = current()/@el]"/>
  <xsl:variable name="self" select="n[@self='yes'][1]"/>
  <xsl:choose>
    <xsl:when test="$self">
      <row>
        <cell role="label" depth="{$depth}"><xsl:value-of select="@title"/></cell>
        <cell>
          <xsl:apply-templates select="$self" mode="value">
            <xsl:with-param name="e" select="$g/a:*[local-name() = $self/@el]"/>
          </xsl:apply-templates>
        </cell>
      </row>
    </xsl:when>
    <xsl:when test="n[@ft='flag']">
      <!-- a lone box of the heading (委託しない, 接続しない(入手)): in the
           heading row, as the form prints it -->
      <row keep="next">
        <xsl:if test="$depth = 0"><xsl:attribute name="outline">yes</xsl:attribute></xsl:if>
        <cell role="label" depth="{$depth}"><xsl:value-of select="@title"/></cell>
        <cell>
          <checks>
            <xsl:for-each select="n[@ft='flag']">
              <xsl:call-template name="flag-box">
                <xsl:with-param name="e" select="$g/a:*[local-name() = current()/@el]"/>
              </xsl:call-template>
            </xsl:for-each>
          </checks>
        </cell>
      </row>
    </xsl:when>
    <xsl:otherwise>
      <row><xsl:if test="$depth = 0"><xsl:attribute name="outline">yes</xsl:attribute></xsl:if><cell role="label" span="2" depth="{$depth}"><xsl:value-of select="@title"/></cell></row>
    </xsl:otherwise>
  </xsl:choose>
  <xsl:apply-templates select="n[not(@self='yes') and not(@ft='flag')]" mode="row">
    <xsl:with-param name="ctx" select="$g"/>
    <xsl:with-param name="depth" select="$depth + 1"/>
  </xsl:apply-templates>
</xsl:template>

<xsl:template match="n[@t='list']" mode="row">
  <xsl:param name="ctx"/>
  <xsl:param name="depth" select="0"/>
  <xsl:variable name="v" select="."/>
  <xsl:variable name="ents" select="$ctx/a:*[local-name() = $v/@el]/a:*[local-name() = $v/@entry]
      | $ctx[not($v/@el)]/a:*[local-name() = $v/@entry]"/>
  <xsl:for-each select="$ents">
    <xsl:call-template name="entry">
      <xsl:with-param name="v" select="$v"/>
      <xsl:with-param name="ent" select="."/>
      <xsl:with-param name="pos" select="position()"/>
      <xsl:with-param name="depth" select="$depth"/>
    </xsl:call-template>
  </xsl:for-each>
  <!-- no entry: the form still shows the first one, blank -->
  <xsl:if test="not($ents)">
    <xsl:call-template name="entry">
      <xsl:with-param name="v" select="$v"/>
      <xsl:with-param name="ent" select="$none"/>
      <xsl:with-param name="pos" select="1"/>
      <xsl:with-param name="depth" select="$depth"/>
    </xsl:call-template>
  </xsl:if>
</xsl:template>

<xsl:template name="entry">
  <xsl:param name="v"/>
  <xsl:param name="ent"/>
  <xsl:param name="pos"/>
  <xsl:param name="depth"/>
  <xsl:variable name="self" select="$v/n[@self='yes'][1]"/>
  <xsl:choose>
    <xsl:when test="$self">
      <row>
        <cell role="label" depth="{$depth}"><xsl:value-of select="concat($v/@label, $pos)"/></cell>
        <cell>
          <xsl:apply-templates select="$self" mode="value">
            <xsl:with-param name="e" select="$ent/a:*[local-name() = $self/@el]"/>
          </xsl:apply-templates>
        </cell>
      </row>
    </xsl:when>
    <xsl:otherwise>
      <row><cell role="label" span="2" depth="{$depth}"><xsl:value-of select="concat($v/@label, $pos)"/></cell></row>
    </xsl:otherwise>
  </xsl:choose>
  <xsl:apply-templates select="$v/n[not(@self='yes')]" mode="row">
    <xsl:with-param name="ctx" select="$ent"/>
    <xsl:with-param name="depth" select="$depth + 1"/>
  </xsl:apply-templates>
</xsl:template>

<xsl:template match="n" mode="row"/>

<!-- ===================== a list printed as a table (変更箇所) ===================== -->

<xsl:template match="n[@t='list']" mode="tabular">
  <xsl:param name="ctx"/>
  <xsl:variable name="v" select="."/>
  <xsl:variable name="fixed" select="count(n[@ft='date']) * 15 + count(n[@ft='choice']) * 9"/>
  <xsl:variable name="flex" select="count(n[@ft!='date' and @ft!='choice'])"/>
  <table header="1" size="small">
    <xsl:attribute name="cols">
      <xsl:for-each select="n">
        <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="@width"><xsl:value-of select="@width"/></xsl:when>
          <xsl:when test="@ft='date'">15</xsl:when>
          <xsl:when test="@ft='choice'">9</xsl:when>
          <xsl:otherwise><xsl:value-of select="floor((100 - $fixed) div $flex)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:attribute>
    <row header="yes">
      <xsl:for-each select="n"><cell role="label"><xsl:value-of select="@title"/></cell></xsl:for-each>
    </row>
    <xsl:for-each select="$ctx/a:*[local-name() = $v/@el]/a:*[local-name() = $v/@entry]
        | $ctx[not($v/@el)]/a:*[local-name() = $v/@entry]">
      <xsl:variable name="ent" select="."/>
      <row>
        <xsl:for-each select="$v/n">
          <cell>
            <xsl:apply-templates select="." mode="value">
              <xsl:with-param name="e" select="$ent/a:*[local-name() = current()/@el]"/>
              <xsl:with-param name="brief" select="true()"/>
            </xsl:apply-templates>
          </cell>
        </xsl:for-each>
      </row>
    </xsl:for-each>
  </table>
</xsl:template>

<!-- ===================== values ===================== -->

<!-- Every value goes through here: a part marked public="no" (on the
     value or an enclosing element) prints in the public edition as the
     form's notice only, its text left out; in the full edition it prints
     after a mark saying it is withheld. -->
<xsl:template match="n" mode="value">
  <xsl:param name="e"/>
  <xsl:param name="ctx" select="$e/.."/>
  <xsl:param name="brief" select="false()"/>
  <xsl:variable name="held" select="($e | $ctx)[ancestor-or-self::a:*[@public = 'no']]"/>
  <xsl:choose>
    <xsl:when test="($e | $ctx)[ancestor-or-self::a:*[@absent = 'yes']]"><p absent="yes"><xsl:value-of select="$t-absent"/></p></xsl:when>
    <xsl:when test="$held and $public = 'yes'"><p withheld="yes"><xsl:value-of select="$t-withheld"/></p></xsl:when>
    <xsl:otherwise>
      <xsl:if test="$held"><p withheld="mark"><xsl:value-of select="$t-withheld-mark"/></p></xsl:if>
      <xsl:apply-templates select="." mode="val">
        <xsl:with-param name="e" select="$e"/>
        <xsl:with-param name="ctx" select="$ctx"/>
        <xsl:with-param name="brief" select="$brief"/>
      </xsl:apply-templates>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The text of a node as printed on the cover, in the metadata, header
     and outline: the notice instead when it is withheld from the public
     edition. -->
<xsl:template name="shown">
  <xsl:param name="n"/>
  <xsl:choose>
    <xsl:when test="$public = 'yes' and $n/ancestor-or-self::a:*[@public = 'no']"><xsl:value-of select="$t-withheld"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="normalize-space($n)"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="n[@ft='line']" mode="val">
  <xsl:param name="e"/>
  <p><xsl:value-of select="normalize-space($e)"/></p>
</xsl:template>

<xsl:template match="n[@ft='text']" mode="val">
  <xsl:param name="e"/>
  <xsl:choose>
    <xsl:when test="$e/a:p | $e/a:ul | $e/a:ol">
      <xsl:apply-templates select="$e/node()" mode="block"/>
    </xsl:when>
    <xsl:otherwise>
      <p><xsl:apply-templates select="$e/node()" mode="inline"/></p>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="a:p" mode="block">
  <p><xsl:apply-templates mode="inline"/></p>
</xsl:template>
<xsl:template match="a:ul|a:ol" mode="block">
  <list type="{local-name()}">
    <xsl:for-each select="a:li"><item><xsl:apply-templates mode="inline"/></item></xsl:for-each>
  </list>
</xsl:template>
<xsl:template match="text()" mode="block">
  <xsl:if test="normalize-space(.) != ''"><p><xsl:value-of select="normalize-space(.)"/></p></xsl:if>
</xsl:template>
<xsl:template match="*" mode="block"/>

<xsl:template match="text()" mode="inline">
  <xsl:value-of select="normalize-space(.)"/>
</xsl:template>
<xsl:template match="a:br" mode="inline"><br/></xsl:template>
<!-- The changed words of a 変更箇所 row (pia diff -T pdf marks them in
     the rows it prints; an assessment never holds them: cli/diff_marks.c).
     A text beside a mark keeps one space where it had blanks, the mark
     being a word of the same line. -->
<xsl:template match="m:del" mode="inline"><del><xsl:value-of select="normalize-space(.)"/></del></xsl:template>
<xsl:template match="m:ins" mode="inline"><ins><xsl:value-of select="normalize-space(.)"/></ins></xsl:template>
<xsl:template match="text()[../m:del or ../m:ins]" mode="inline">
  <xsl:variable name="t" select="translate(., '&#9;&#10;&#13;', '   ')"/>
  <xsl:variable name="n" select="normalize-space(.)"/>
  <xsl:variable name="before" select="preceding-sibling::node()[1][self::m:del or self::m:ins]"/>
  <xsl:variable name="after" select="following-sibling::node()[1][self::m:del or self::m:ins]"/>
  <xsl:choose>
    <xsl:when test="$n = ''">
      <xsl:if test="$before and $after and $t != ''"><xsl:text> </xsl:text></xsl:if>
    </xsl:when>
    <xsl:otherwise>
      <xsl:if test="$before and starts-with($t, ' ')"><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="$n"/>
      <xsl:if test="$after and substring($t, string-length($t)) = ' '"><xsl:text> </xsl:text></xsl:if>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>
<xsl:template match="*" mode="inline"><xsl:apply-templates mode="inline"/></xsl:template>

<xsl:template match="n[@ft='date']" mode="val">
  <xsl:param name="e"/>
  <p>
    <xsl:if test="normalize-space($e) != ''">
      <xsl:value-of select="concat(pia:wareki(normalize-space($e)), $e/@qualifier)"/>
    </xsl:if>
  </p>
</xsl:template>

<xsl:template match="n[@ft='period']" mode="val">
  <xsl:param name="e"/>
  <p>
    <xsl:if test="normalize-space($e/a:from) != ''">
      <xsl:value-of select="concat(pia:wareki(normalize-space($e/a:from)), $e/a:from/@qualifier)"/>
    </xsl:if>
    <xsl:if test="normalize-space($e/a:to) != ''">
      <xsl:value-of select="concat(' ', $t-range, ' ', pia:wareki(normalize-space($e/a:to)), $e/a:to/@qualifier)"/>
    </xsl:if>
  </p>
</xsl:template>

<xsl:template match="n[@ft='choice']" mode="val">
  <xsl:param name="e"/>
  <xsl:param name="ctx" select="$e/.."/>
  <xsl:param name="brief" select="false()"/>
  <xsl:variable name="inl" select="following-sibling::n[1][@t='derived' and @inline='yes']"/>
  <xsl:choose>
    <xsl:when test="$brief"><p><xsl:value-of select="normalize-space($e)"/></p></xsl:when>
    <xsl:otherwise>
      <choice value="{normalize-space($e)}" caption="{$t-options}">
        <xsl:if test="$inl">
          <xsl:variable name="n">
            <xsl:for-each select="$ctx[1]"><xsl:value-of select="dyn:evaluate($inl/@value)"/></xsl:for-each>
          </xsl:variable>
          <xsl:attribute name="after">
            <xsl:call-template name="count"><xsl:with-param name="n" select="$n"/></xsl:call-template>
          </xsl:attribute>
        </xsl:if>
        <xsl:for-each select="o"><option n="{position()}"><xsl:value-of select="."/></option></xsl:for-each>
      </choice>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- "( 7 ) 件"; blank in the brackets when there is none -->
<xsl:template name="count">
  <xsl:param name="n"/>
  <xsl:choose>
    <xsl:when test="number($n) &gt; 0"><xsl:value-of select="concat('( ', $n, ' ) ', $t-count)"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="concat('( 　 ) ', $t-count)"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="n[@ft='checks']" mode="val">
  <xsl:param name="e"/>
  <checks>
    <xsl:for-each select="o">
      <xsl:variable name="c" select="$e/a:check[@option = current()]"/>
      <check>
        <xsl:attribute name="mark">
          <xsl:choose>
            <xsl:when test="not($c) or $c/@ticked = 'false'">off</xsl:when>
            <xsl:when test="$c/@ticked = 'unknown'">unknown</xsl:when>
            <xsl:otherwise>on</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:attribute name="sign">
          <xsl:choose>
            <xsl:when test="not($c) or $c/@ticked = 'false'"><xsl:value-of select="$t-off"/></xsl:when>
            <xsl:when test="$c/@ticked = 'unknown'"><xsl:value-of select="$t-unknown"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$t-on"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="@group"><xsl:attribute name="group"><xsl:value-of select="@group"/></xsl:attribute></xsl:if>
        <xsl:if test="@slot"><xsl:attribute name="slot"><xsl:value-of select="normalize-space($c)"/></xsl:attribute></xsl:if>
        <xsl:if test="@count">
          <xsl:attribute name="after">
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count($c[not(@ticked = 'false')]/../../a:*[local-name() = current()/@count])"/>
            </xsl:call-template>
          </xsl:attribute>
        </xsl:if>
        <xsl:value-of select="."/>
      </check>
    </xsl:for-each>
  </checks>
</xsl:template>

<xsl:template match="n[@ft='flag']" mode="val">
  <xsl:param name="e"/>
  <checks><xsl:call-template name="flag-box"><xsl:with-param name="e" select="$e"/></xsl:call-template></checks>
</xsl:template>

<xsl:template name="flag-box">
  <xsl:param name="e"/>
  <xsl:variable name="on" select="normalize-space($e) = 'true'"/>
  <check mark="{substring('onoff', 1 + 2 * number(not($on)), 2 + number(not($on)))}"
    sign="{concat(substring($t-on, 1, number($on) * 9), substring($t-off, 1, number(not($on)) * 9))}">
    <xsl:value-of select="@label"/>
  </check>
</xsl:template>

<xsl:template match="n[@ft='items']" mode="val">
  <xsl:param name="e"/>
  <xsl:apply-templates select="$e" mode="items">
    <xsl:with-param name="indent" select="0"/>
  </xsl:apply-templates>
</xsl:template>

<xsl:template match="*" mode="items">
  <xsl:param name="indent"/>
  <xsl:if test="a:item">
    <list type="ul" indent="{$indent}" pack="yes" bullet="{$t-bullet}">
      <xsl:for-each select="a:item"><item><xsl:value-of select="normalize-space(.)"/></item></xsl:for-each>
    </list>
  </xsl:if>
  <xsl:for-each select="a:category">
    <p indent="{$indent}" weight="bold"><xsl:value-of select="@name"/></p>
    <xsl:apply-templates select="." mode="items">
      <xsl:with-param name="indent" select="$indent + 1"/>
    </xsl:apply-templates>
  </xsl:for-each>
</xsl:template>

<xsl:template match="n[@ft='image']" mode="val">
  <xsl:param name="e"/>
  <xsl:for-each select="$e/a:image">
    <note src="{@src}"><xsl:value-of select="normalize-space(.)"/></note>
  </xsl:for-each>
  <xsl:if test="not($e/a:image)"><p/></xsl:if>
</xsl:template>

<xsl:template match="n" mode="val"><p/></xsl:template>

</xsl:stylesheet>
