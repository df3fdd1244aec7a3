<?xml version="1.0" encoding="UTF-8"?>
<!--
  vocab2xsd.xsl: generates the XSD of the assessment vocabulary from
  model/vocab.xml, so that the schema can never disagree with the labels and
  option lists.  Run by the Makefile:

    xsltproc - -stringparam kind full model/vocab2xsd.xsl model/vocab.xml

  kind = full | focused | basic gives the strict schema of one form; an empty
  kind gives the union schema (every element of every form, every option of
  every list), meant for XML editors that associate one schema with the
  namespace.  Every element is optional: what must be filled in is the job of
  the `required` rule set, so drafts and skeletons are valid.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:v="urn:pia:vocabulary:1"
  exclude-result-prefixes="v">

<xsl:output method="xml" indent="yes" encoding="UTF-8"/>
<xsl:param name="kind" select="''"/>
<!-- docs = 0 leaves out the Japanese and English documentation: the lean
     schema that pia validate compiles (a third of the size, compiled in
     a fraction of the time); editors want the documented one. -->
<xsl:param name="docs" select="1"/>

<xsl:variable name="ns" select="/v:vocabulary/@ns"/>

<!-- The value of attribute $a of node $n for this kind (A.kind overrides A). -->
<xsl:template name="attr">
  <xsl:param name="n" select="."/>
  <xsl:param name="a"/>
  <xsl:variable name="o" select="$n/@*[local-name() = concat($a, '.', $kind)]"/>
  <xsl:choose>
    <xsl:when test="$kind != '' and $o"><xsl:value-of select="$o"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$n/@*[local-name() = $a]"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Is node $n part of this kind?  @in is inherited from the nearest ancestor. -->
<xsl:template name="in-kind">
  <xsl:param name="n" select="."/>
  <xsl:variable name="in" select="($n/ancestor-or-self::*[@in])[last()]/@in"/>
  <xsl:choose>
    <xsl:when test="$kind = '' or not($in)">1</xsl:when>
    <xsl:when test="contains(concat(' ', $in, ' '), concat(' ', $kind, ' '))">1</xsl:when>
    <xsl:otherwise>0</xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="doc">
  <xsl:if test="$docs = 1">
  <xsl:variable name="num"><xsl:call-template name="attr"><xsl:with-param name="a" select="'num'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="label"><xsl:call-template name="attr"><xsl:with-param name="a" select="'label'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="mark"><xsl:call-template name="attr"><xsl:with-param name="a" select="'mark'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="hint"><xsl:call-template name="attr"><xsl:with-param name="a" select="'hint'"/></xsl:call-template></xsl:variable>
  <xs:annotation>
    <xs:documentation xml:lang="ja">
      <xsl:value-of select="normalize-space(concat($num, ' ', $label, ' ', $mark))"/>
      <xsl:if test="$hint != ''"><xsl:value-of select="concat(': ', $hint)"/></xsl:if>
      <xsl:if test="@status = 'unconfirmed'"> [未確認: 公式様式で要確認]</xsl:if>
    </xs:documentation>
    <xs:documentation xml:lang="en"><xsl:value-of select="@en"/></xs:documentation>
  </xs:annotation>
  </xsl:if>
</xsl:template>

<xsl:template name="children">
  <xsl:for-each select="v:section | v:group | v:list | v:field">
    <xsl:variable name="ok"><xsl:call-template name="in-kind"/></xsl:variable>
    <xsl:if test="$ok = '1'"><xsl:apply-templates select="."/></xsl:if>
  </xsl:for-each>
</xsl:template>

<xsl:template match="/">
  <xs:schema xmlns="urn:pia:assessment:1" targetNamespace="{$ns}" elementFormDefault="qualified">
    <xs:annotation>
      <xs:documentation xml:lang="ja">特定個人情報保護評価書 (pia)<xsl:choose>
        <xsl:when test="$kind != ''">: <xsl:value-of select="/v:vocabulary/v:kinds/v:kind[@id = $kind]/@name"/></xsl:when>
        <xsl:otherwise>: 全様式共通 (編集支援用)</xsl:otherwise></xsl:choose>。model/vocab.xml から生成。</xs:documentation>
    </xs:annotation>
    <xs:element name="assessment">
      <xs:annotation>
        <xs:documentation xml:lang="ja">特定個人情報保護評価書。@kind で様式を選ぶ: full=全項目評価書(様式4), focused=重点項目評価書(様式3), basic=基礎項目評価書(様式2)</xs:documentation>
      </xs:annotation>
      <xs:complexType>
        <xs:sequence>
          <xsl:for-each select="/v:vocabulary/v:form"><xsl:call-template name="children"/></xsl:for-each>
          <xs:element name="unplaced" type="Unplaced" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
        <xs:attribute name="kind" use="required">
          <xs:simpleType>
            <xs:restriction base="xs:string">
              <xsl:for-each select="/v:vocabulary/v:kinds/v:kind[$kind = '' or @id = $kind]">
                <xs:enumeration value="{@id}"/>
              </xsl:for-each>
            </xs:restriction>
          </xs:simpleType>
        </xs:attribute>
        <xs:attribute name="version" type="xs:string">
          <xs:annotation><xs:documentation xml:lang="ja">この語彙の版 (1)</xs:documentation></xs:annotation>
        </xs:attribute>
        <xs:attribute name="form-version" type="xs:string">
          <xs:annotation><xs:documentation xml:lang="ja">様式の版の表示。例: 平成30年5月 様式4</xs:documentation></xs:annotation>
        </xs:attribute>
        <xs:attribute name="body">
          <xs:annotation><xs:documentation xml:lang="ja">評価実施機関の種別</xs:documentation></xs:annotation>
          <xs:simpleType>
            <xs:restriction base="xs:string">
              <xs:enumeration value="地方公共団体等"/>
              <xs:enumeration value="行政機関等"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:attribute>
      </xs:complexType>
    </xs:element>
    <xsl:call-template name="common-types"/>
  </xs:schema>
</xsl:template>

<xsl:template match="v:section | v:group">
  <xs:element name="{@el}" minOccurs="0">
    <xsl:call-template name="doc"/>
    <xs:complexType>
      <xs:sequence><xsl:call-template name="children"/></xs:sequence>
      <xs:attributeGroup ref="Common"/>
    </xs:complexType>
  </xs:element>
</xsl:template>

<xsl:template match="v:list">
  <xsl:variable name="entry">
    <xs:element name="{@entry}" minOccurs="0" maxOccurs="unbounded">
      <xsl:call-template name="doc"/>
      <xs:complexType>
        <xs:sequence><xsl:call-template name="children"/></xs:sequence>
        <xs:attribute name="id" type="xs:ID" use="required"/>
        <xs:attributeGroup ref="Common"/>
      </xs:complexType>
    </xs:element>
  </xsl:variable>
  <xsl:choose>
    <xsl:when test="@el">
      <xs:element name="{@el}" minOccurs="0">
        <xs:complexType><xs:sequence><xsl:copy-of select="$entry"/></xs:sequence><xs:attributeGroup ref="Common"/></xs:complexType>
      </xs:element>
    </xsl:when>
    <xsl:otherwise><xsl:copy-of select="$entry"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The option lists a field uses: for one kind the resolved one, for the
     union schema every list named by options or options.* -->
<xsl:template name="option-values">
  <xsl:choose>
    <xsl:when test="$kind != ''">
      <xsl:variable name="id"><xsl:call-template name="attr"><xsl:with-param name="a" select="'options'"/></xsl:call-template></xsl:variable>
      <xsl:for-each select="/v:vocabulary/v:options/*[@id = $id]/v:o">
        <xs:enumeration value="{.}"/>
      </xsl:for-each>
    </xsl:when>
    <xsl:otherwise>
      <xsl:variable name="f" select="."/>
      <xsl:for-each select="/v:vocabulary/v:options/*[@id = $f/@*[starts-with(local-name(), 'options')]]/v:o">
        <xsl:variable name="t" select="string(.)"/>
        <xsl:if test="not(preceding::v:o[string(.) = $t and ../@id = $f/@*[starts-with(local-name(), 'options')]])">
          <xs:enumeration value="{.}"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="v:field">
  <xs:element name="{@el}" minOccurs="0">
    <xsl:choose>
      <xsl:when test="@type = 'text'"><xsl:attribute name="type">Text</xsl:attribute></xsl:when>
      <xsl:when test="@type = 'line'"><xsl:attribute name="type">LineField</xsl:attribute></xsl:when>
      <xsl:when test="@type = 'date'"><xsl:attribute name="type">Date</xsl:attribute></xsl:when>
      <xsl:when test="@type = 'period'"><xsl:attribute name="type">Period</xsl:attribute></xsl:when>
      <xsl:when test="@type = 'flag'"><xsl:attribute name="type">FlagField</xsl:attribute></xsl:when>
      <xsl:when test="@type = 'items'"><xsl:attribute name="type">Items</xsl:attribute></xsl:when>
      <xsl:when test="@type = 'image'"><xsl:attribute name="type">Image</xsl:attribute></xsl:when>
    </xsl:choose>
    <xsl:call-template name="doc"/>
    <xsl:choose>
      <xsl:when test="@type = 'choice'">
        <xs:complexType>
          <xs:simpleContent>
            <xs:restriction base="ChoiceField">
              <xs:enumeration value=""/>
              <xsl:call-template name="option-values"/>
            </xs:restriction>
          </xs:simpleContent>
        </xs:complexType>
      </xsl:when>
      <xsl:when test="@type = 'checks'">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="check" minOccurs="0" maxOccurs="unbounded">
              <xs:annotation><xs:documentation xml:lang="ja">チェックした選択肢。内容は「( )」欄の記載</xs:documentation></xs:annotation>
              <xs:complexType>
                <xs:simpleContent>
                  <xs:extension base="xs:string">
                    <xs:attribute name="option" use="required">
                      <xs:simpleType>
                        <xs:restriction base="xs:string"><xsl:call-template name="option-values"/></xs:restriction>
                      </xs:simpleType>
                    </xs:attribute>
                    <xs:attribute name="ticked" type="Ticked" default="true"/>
                  </xs:extension>
                </xs:simpleContent>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
          <xs:attributeGroup ref="Common"/>
        </xs:complexType>
      </xsl:when>
    </xsl:choose>
  </xs:element>
</xsl:template>

<xsl:template name="common-types">
  <xs:attributeGroup name="Common">
    <xs:attribute name="public">
      <xs:annotation>
        <xs:documentation xml:lang="ja">公表しない部分 (特定個人情報保護評価に関する規則): public="no" の要素は、公表用の評価書 (pia render --public) では内容を出力せず、公表しない旨だけを表示する。委員会に提出する全文には出力し、公表しない部分であることを示す</xs:documentation>
        <xs:documentation xml:lang="en">A part not made public: with public="no" the public edition (pia render --public) prints only the form's withheld notice in its place and leaves its text out; the full edition prints it and marks it as withheld</xs:documentation>
      </xs:annotation>
      <xs:simpleType>
        <xs:restriction base="xs:string">
          <xs:enumeration value="yes"/>
          <xs:enumeration value="no"/>
        </xs:restriction>
      </xs:simpleType>
    </xs:attribute>
    <xs:attribute name="absent">
      <xs:annotation>
        <xs:documentation xml:lang="ja">取込み (pia import) の原本にこの部分がなかった (absent="yes")。出力では「原本に記載なし」と表示する</xs:documentation>
        <xs:documentation xml:lang="en">The source of an import (pia import) had no such part (absent="yes"); printed as 原本に記載なし</xs:documentation>
      </xs:annotation>
      <xs:simpleType>
        <xs:restriction base="xs:string"><xs:enumeration value="yes"/></xs:restriction>
      </xs:simpleType>
    </xs:attribute>
  </xs:attributeGroup>
  <xs:complexType name="Text" mixed="true">
    <xs:annotation><xs:documentation xml:lang="ja">自由記述。段落 p、箇条書き ul/ol と li、改行 br を使える</xs:documentation></xs:annotation>
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="p" type="Inline"/>
      <xs:element name="ul" type="List"/>
      <xs:element name="ol" type="List"/>
      <xs:element name="br"><xs:complexType/></xs:element>
    </xs:choice>
    <xs:attributeGroup ref="Common"/>
  </xs:complexType>
  <xs:complexType name="LineField">
    <xs:simpleContent>
      <xs:extension base="Line"><xs:attributeGroup ref="Common"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="FlagField">
    <xs:simpleContent>
      <xs:extension base="Flag"><xs:attributeGroup ref="Common"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="ChoiceField">
    <xs:simpleContent>
      <xs:extension base="xs:string"><xs:attributeGroup ref="Common"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Inline" mixed="true">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="br"><xs:complexType/></xs:element>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="List">
    <xs:sequence>
      <xs:element name="li" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType mixed="true">
          <xs:choice minOccurs="0" maxOccurs="unbounded">
            <xs:element name="br"><xs:complexType/></xs:element>
            <xs:element name="ul" type="List"/>
            <xs:element name="ol" type="List"/>
          </xs:choice>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>
  <xs:simpleType name="Line">
    <xs:restriction base="xs:string"/>
  </xs:simpleType>
  <xs:simpleType name="Empty">
    <xs:restriction base="xs:string"><xs:length value="0"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="IsoDate">
    <xs:restriction base="xs:date"><xs:pattern value="[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="IsoYearMonth">
    <xs:restriction base="xs:gYearMonth"><xs:pattern value="[0-9]{{4}}-[0-9]{{2}}"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="DateValue">
    <xs:union memberTypes="IsoDate IsoYearMonth Empty"/>
  </xs:simpleType>
  <xs:complexType name="Date">
    <xs:annotation><xs:documentation xml:lang="ja">日付 (ISO 8601: 2023-02-20、年月のみは 2015-12)。表示は和暦</xs:documentation></xs:annotation>
    <xs:simpleContent>
      <xs:extension base="DateValue">
        <xs:attribute name="qualifier">
          <xs:annotation><xs:documentation xml:lang="ja">「平成27年12月頃」「平成28年1月(予定)」のような概数・予定</xs:documentation></xs:annotation>
          <xs:simpleType>
            <xs:restriction base="xs:string">
              <xs:enumeration value="頃"/>
              <xs:enumeration value="予定"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:attribute>
        <xs:attributeGroup ref="Common"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Period">
    <xs:sequence>
      <xs:element name="from" type="Date" minOccurs="0"/>
      <xs:element name="to" type="Date" minOccurs="0"/>
    </xs:sequence>
    <xs:attributeGroup ref="Common"/>
  </xs:complexType>
  <xs:simpleType name="Flag">
    <xs:union memberTypes="xs:boolean Empty"/>
  </xs:simpleType>
  <xs:simpleType name="Ticked">
    <xs:restriction base="xs:string">
      <xs:enumeration value="true"/>
      <xs:enumeration value="false"/>
      <xs:enumeration value="unknown"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="Items">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="item" type="Line"/>
      <xs:element name="category" type="Category"/>
    </xs:choice>
    <xs:attributeGroup ref="Common"/>
  </xs:complexType>
  <xs:complexType name="Category">
    <xs:annotation><xs:documentation xml:lang="ja">記録項目の分類。分類の中に小分類を置ける (例: 識別情報 / ①受給者情報)</xs:documentation></xs:annotation>
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="item" type="Line"/>
      <xs:element name="category" type="Category"/>
    </xs:choice>
    <xs:attribute name="name" type="xs:string" use="required"/>
  </xs:complexType>
  <xs:complexType name="Image">
    <xs:sequence>
      <xs:element name="image" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:simpleContent>
            <xs:extension base="xs:string">
              <xs:attribute name="src" type="xs:string" use="required"/>
            </xs:extension>
          </xs:simpleContent>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
    <xs:attributeGroup ref="Common"/>
  </xs:complexType>
  <xs:complexType name="Unplaced" mixed="true">
    <xs:annotation><xs:documentation xml:lang="ja">取込み(pia import)で様式上の位置を決められなかった原文。source-line は原文の行番号</xs:documentation></xs:annotation>
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:any processContents="skip" namespace="##any"/>
    </xs:choice>
    <xs:attribute name="source-line" type="xs:positiveInteger"/>
    <xs:attribute name="heading" type="xs:string"/>
  </xs:complexType>
</xsl:template>

</xsl:stylesheet>
