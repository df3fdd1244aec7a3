<?xml version="1.0" encoding="UTF-8"?>
<!--
  form.xsl: the page of `pia edit`.  The input is the vocabulary resolved
  for one kind by templates/transform.c (the same tree as pia:form() in
  print.xsl: elements n with @t section|group|list|field|derived, @ft the
  field type, @title the printed label with number and ※, o children the
  option texts), plus texts/t[@n] with the words of the editor's chrome
  from the catalogue (model/catalogue.def, EDIT_*) in the page's language.
  No label or option is typed here.

  The page holds no values: editor.js fills it from the server's state.
  Every element that stands for an element of the assessment carries
  data-seg (its name); editor.js builds the address of a field from them
  (cover/number, files/file#file-1/overview/name) and the entries of a
  list from its <template>.

  Parameters: lang 'ja' or 'en'; token, the session's secret, put into the
  URLs of the style sheet and the script.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

<xsl:output method="html" encoding="UTF-8" indent="no"
  doctype-system="about:legacy-compat"/>

<xsl:param name="lang" select="'ja'"/>
<xsl:param name="token" select="''"/>

<xsl:key name="t" match="/form/texts/t" use="@n"/>

<xsl:template name="t">
  <xsl:param name="n"/>
  <xsl:value-of select="key('t', $n)"/>
</xsl:template>

<xsl:template match="/form">
  <html lang="{$lang}">
    <head>
      <meta charset="UTF-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="referrer" content="no-referrer"/>
      <link rel="icon" href="data:,"/>
      <title><xsl:value-of select="@name"/> — pia edit</title>
      <link rel="stylesheet" href="editor.css?t={$token}"/>
      <script src="editor.js?t={$token}" defer="defer"></script>
    </head>
    <body data-kind="{@kind}" data-lang="{$lang}">
      <header class="bar">
        <span class="form-name"><xsl:value-of select="concat(@name, ' (', @style, ')')"/></span>
        <span id="file" class="file"></span>
        <span id="status" class="status" role="status" aria-live="polite"></span>
        <span class="buttons">
          <button type="button" id="save"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_SAVE</xsl:with-param></xsl:call-template></button>
          <button type="button" id="pdf"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_PDF</xsl:with-param></xsl:call-template></button>
          <button type="button" id="changes" hidden="hidden"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_CHANGES</xsl:with-param></xsl:call-template></button>
          <button type="button" id="findings" aria-controls="summary">
            <span class="count err" id="count-err">0</span><xsl:text> </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="n">EDIT_ERRORS</xsl:with-param></xsl:call-template>
            <xsl:text> </xsl:text>
            <span class="count warn" id="count-warn">0</span><xsl:text> </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="n">EDIT_WARNINGS</xsl:with-param></xsl:call-template>
          </button>
        </span>
      </header>
      <div class="layout">
        <aside id="summary" class="summary">
          <h2><xsl:call-template name="t"><xsl:with-param name="n">EDIT_FINDINGS</xsl:with-param></xsl:call-template></h2>
          <p id="summary-none" class="none"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_NO_FINDINGS</xsl:with-param></xsl:call-template></p>
          <ol id="summary-list"></ol>
        </aside>
        <main id="form" class="form">
          <h1><xsl:value-of select="@name"/></h1>
          <p class="style"><xsl:value-of select="@style"/></p>
          <xsl:apply-templates select="n"/>
        </main>
      </div>
      <dialog id="changes-dialog">
        <h2><xsl:call-template name="t"><xsl:with-param name="n">EDIT_CHANGES</xsl:with-param></xsl:call-template></h2>
        <p id="changes-note"></p>
        <table id="changes-table">
          <thead><tr>
            <th><xsl:value-of select="n[@el='changes']//n[@el='item']/@label"/></th>
            <th><xsl:value-of select="n[@el='changes']//n[@el='before']/@label"/></th>
            <th><xsl:value-of select="n[@el='changes']//n[@el='after']/@label"/></th>
            <th><xsl:value-of select="n[@el='changes']//n[@el='timing']/@label"/></th>
          </tr></thead>
          <tbody></tbody>
        </table>
        <p>
          <button type="button" id="changes-append"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_CHANGES_APPEND</xsl:with-param></xsl:call-template></button>
          <xsl:text> </xsl:text>
          <button type="button" id="changes-close"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_CLOSE</xsl:with-param></xsl:call-template></button>
        </p>
      </dialog>
      <!-- the words editor.js needs, from the catalogue -->
      <template id="texts">
        <xsl:for-each select="texts/t"><span data-n="{@n}"><xsl:value-of select="."/></span></xsl:for-each>
      </template>
    </body>
  </html>
</xsl:template>

<!-- the label of a node: the printed title, and the English label beside
     it in an English page -->
<xsl:template name="label">
  <xsl:value-of select="@title"/>
  <xsl:if test="$lang = 'en' and @en">
    <span class="en"><xsl:value-of select="@en"/></span>
  </xsl:if>
</xsl:template>

<xsl:template name="hint">
  <xsl:if test="@hint"><p class="hint"><xsl:value-of select="@hint"/></p></xsl:if>
</xsl:template>

<!-- A flag in a heading (委託しない, 接続しない) switches off the rest of its
     group: what validators/rules/required.sch waives.  In the network
     group, risk1-4 are the acquisition side, risk5-7 the provision side. -->
<xsl:template name="off">
  <xsl:variable name="flags" select="../n[@ft='flag']"/>
  <xsl:choose>
    <xsl:when test="@ft = 'flag' or not($flags)"/>
    <xsl:when test="$flags[@el='none']">
      <xsl:attribute name="data-off">none</xsl:attribute>
    </xsl:when>
    <xsl:when test="@el = 'risk1' or @el = 'risk2' or @el = 'risk3' or @el = 'risk4' or @el = 'acquisition-rating'">
      <xsl:attribute name="data-off">no-acquisition</xsl:attribute>
    </xsl:when>
    <xsl:when test="@el = 'risk5' or @el = 'risk6' or @el = 'risk7' or @el = 'provision-rating'">
      <xsl:attribute name="data-off">no-provision</xsl:attribute>
    </xsl:when>
  </xsl:choose>
</xsl:template>

<xsl:template match="n[@t='section']">
  <section class="sec" data-seg="{@el}">
    <xsl:call-template name="off"/>
    <h2><xsl:call-template name="label"/></h2>
    <xsl:call-template name="hint"/>
    <div class="fd" role="note"></div>
    <xsl:apply-templates select="n"/>
  </section>
</xsl:template>

<xsl:template match="n[@t='group']">
  <div class="grp" data-seg="{@el}">
    <xsl:call-template name="off"/>
    <h3><xsl:call-template name="label"/></h3>
    <xsl:call-template name="hint"/>
    <div class="fd" role="note"></div>
    <xsl:apply-templates select="n"/>
  </div>
</xsl:template>

<!-- A repeating part: the entries are made from the template by editor.js;
     the address of an entry is its name and id (task#task-2). -->
<xsl:template match="n[@t='list']">
  <div class="list" data-seg="{@el}" data-entry="{@entry}">
    <xsl:call-template name="off"/>
    <div class="fd" role="note"></div>
    <div class="entries"></div>
    <template>
      <div class="entry" data-entry="{@entry}">
        <div class="eh">
          <span class="et"><xsl:value-of select="@label"/><span class="no"></span>
            <xsl:if test="$lang = 'en'"><span class="en"><xsl:value-of select="@en"/></span></xsl:if>
          </span>
          <span class="eb">
            <button type="button" class="up" title="{key('t', 'EDIT_UP')}">↑</button>
            <button type="button" class="down" title="{key('t', 'EDIT_DOWN')}">↓</button>
            <button type="button" class="remove"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_REMOVE</xsl:with-param></xsl:call-template></button>
          </span>
        </div>
        <div class="fd" role="note"></div>
        <xsl:apply-templates select="n"/>
      </div>
    </template>
    <button type="button" class="add">
      <xsl:call-template name="t"><xsl:with-param name="n">EDIT_ADD</xsl:with-param></xsl:call-template>
      <xsl:text>: </xsl:text><xsl:value-of select="@label"/>
    </button>
  </div>
</xsl:template>

<xsl:template match="n[@t='derived']">
  <div class="fld derived" data-value="{@value}">
    <xsl:call-template name="off"/>
    <span class="lbl"><xsl:call-template name="label"/></span>
    <output class="dv"></output>
    <span class="note"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_DERIVED</xsl:with-param></xsl:call-template></span>
  </div>
</xsl:template>

<xsl:template match="n[@t='field']">
  <div class="fld" data-seg="{@el}" data-ft="{@ft}">
    <xsl:call-template name="off"/>
    <xsl:if test="not(@self = 'yes') and @ft != 'flag'">
      <span class="lbl"><xsl:call-template name="label"/></span>
    </xsl:if>
    <xsl:call-template name="hint"/>
    <xsl:apply-templates select="." mode="input"/>
    <div class="fd" role="note"></div>
  </div>
</xsl:template>

<xsl:template match="n[@ft='line']" mode="input">
  <input type="text" class="v" aria-label="{@title}"/>
</xsl:template>

<xsl:template match="n[@ft='text']" mode="input">
  <textarea class="v" rows="3" aria-label="{@title}"></textarea>
</xsl:template>

<xsl:template match="n[@ft='items']" mode="input">
  <textarea class="v items" rows="6" aria-label="{@title}"></textarea>
  <p class="hint"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_ITEMS_HINT</xsl:with-param></xsl:call-template></p>
</xsl:template>

<xsl:template match="n[@ft='image']" mode="input">
  <input type="text" class="v" readonly="readonly" aria-label="{@title}"/>
  <p class="hint"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_IMAGE_HINT</xsl:with-param></xsl:call-template></p>
</xsl:template>

<xsl:template match="n[@ft='date']" mode="input">
  <input type="text" class="v date" aria-label="{@title}">
    <xsl:attribute name="placeholder"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_DATE_EXAMPLE</xsl:with-param></xsl:call-template></xsl:attribute>
  </input>
</xsl:template>

<xsl:template match="n[@ft='period']" mode="input">
  <span class="period">
    <span class="fld sub" data-seg="from" data-ft="date">
      <input type="text" class="v date" aria-label="{@title}">
        <xsl:attribute name="placeholder"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_DATE_EXAMPLE</xsl:with-param></xsl:call-template></xsl:attribute>
      </input>
      <span class="fd" role="note"></span>
    </span>
    <xsl:call-template name="t"><xsl:with-param name="n">EDIT_PERIOD_FROM</xsl:with-param></xsl:call-template>
    <span class="fld sub" data-seg="to" data-ft="date">
      <input type="text" class="v date" aria-label="{@title}">
        <xsl:attribute name="placeholder"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_DATE_EXAMPLE</xsl:with-param></xsl:call-template></xsl:attribute>
      </input>
      <span class="fd" role="note"></span>
    </span>
    <xsl:call-template name="t"><xsl:with-param name="n">EDIT_PERIOD_TO</xsl:with-param></xsl:call-template>
  </span>
</xsl:template>

<xsl:template match="n[@ft='flag']" mode="input">
  <label class="flag"><input type="checkbox" class="v"/><xsl:text> </xsl:text><xsl:call-template name="label"/></label>
  <span class="linked" hidden="hidden"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_FLAG_LINKED</xsl:with-param></xsl:call-template></span>
</xsl:template>

<!-- a choice: the official options as radio buttons, numbered as after
     <選択肢> in the PDF -->
<xsl:template match="n[@ft='choice']" mode="input">
  <div class="opts" role="radiogroup" aria-label="{@title}">
    <xsl:for-each select="o">
      <label class="opt"><input type="radio" value="{.}"/><xsl:text> </xsl:text>
        <xsl:value-of select="concat(position(), ') ', .)"/></label>
    </xsl:for-each>
    <button type="button" class="clear"><xsl:call-template name="t"><xsl:with-param name="n">EDIT_CLEAR</xsl:with-param></xsl:call-template></button>
  </div>
</xsl:template>

<!-- a checkbox list: each option, and a text slot after those printed
     with "( )" -->
<xsl:template match="n[@ft='checks']" mode="input">
  <div class="checks" role="group" aria-label="{@title}">
    <xsl:for-each select="o">
      <xsl:if test="@group and not(preceding-sibling::o[1]/@group = @group)">
        <div class="ckg"><xsl:value-of select="@group"/></div>
      </xsl:if>
      <div class="ck">
        <label><input type="checkbox" value="{.}"/><xsl:text> </xsl:text><xsl:value-of select="."/></label>
        <xsl:if test="@slot = 'yes'">
          <xsl:text> ( </xsl:text><input type="text" class="slot" aria-label="{.}"/><xsl:text> )</xsl:text>
        </xsl:if>
      </div>
    </xsl:for-each>
  </div>
</xsl:template>

</xsl:stylesheet>
