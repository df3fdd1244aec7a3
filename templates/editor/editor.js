/*
 * editor.js: the page of `pia edit` (served by pia, no other script).
 *
 * The page (templates/editor/form.xsl) is the form without values; this
 * script fills it from the server's state (GET api/state): entries of the
 * repeating parts from their <template>, then every field.  Each element
 * that stands for an element of the assessment has data-seg; a field's
 * address is the path of them ("files/file#file-1/overview/name"), the
 * key of a list its container's address and the entry name.
 *
 * Every edit goes to the server as it is made (typing is sent after a
 * short pause, at the latest when the field is left or the page hidden);
 * the answer brings the findings of the same validation as `pia
 * validate`, shown next to the fields and in the summary, and the derived
 * values.  Requests are sent one after another, in the order made.
 */
'use strict';
(function () {
	var token = new URLSearchParams(location.search).get('t') || '';
	var T = {};
	var state = null;
	var chain = Promise.resolve();
	var timers = new Map();		/* address -> pending timer */
	var inflight = new Map();	/* address -> requests not answered */
	var radios = 0;
	var form, dirty = false, offline = false;

	function text(n) {
		var s = T[n] !== undefined ? T[n] : n, i;
		for (i = 1; i < arguments.length; i++)
			s = s.replace(/%[-0-9.]*(l|z)?[sdu]/, String(arguments[i]));
		return s;
	}

	function status(msg, cls) {
		var el = document.getElementById('status');
		el.textContent = msg;
		el.className = 'status ' + (cls || '');
	}

	function showDirty() {
		if (offline)
			return;
		status(dirty ? text('EDIT_UNSAVED') : text('EDIT_SAVED'),
		    dirty ? 'dirty' : 'clean');
	}

	/* One request; answers JSON (or throws with the status). */
	function call(path, params) {
		var opt = { method: params ? 'POST' : 'GET',
		    headers: { 'X-Pia-Token': token }, cache: 'no-store' };
		if (params)
			opt.body = new URLSearchParams(params);
		return fetch(path, opt).then(function (r) {
			if (offline) {
				offline = false;
				showDirty();
			}
			return r.text().then(function (body) {
				var j = null;
				try { j = JSON.parse(body); } catch (e) { j = null; }
				if (!r.ok && (j === null || r.status !== 409)) {
					var err = new Error(body);
					err.status = r.status;
					throw err;
				}
				j.status = r.status;
				return j;
			});
		}, function (e) {
			offline = true;
			status(text('EDIT_OFFLINE'), 'error');
			throw e;
		});
	}

	/* Requests go one after another. */
	function enqueue(fn) {
		chain = chain.then(fn).catch(function (e) {
			if (window.console)
				console.error(e);
			if (e && e.status)
				status(e.message, 'error');
		});
		return chain;
	}

	/* ---- addresses ---- */

	function addrOf(el) {
		var segs = [], n;
		for (n = el; n && n !== form; n = n.parentElement)
			if (n.dataset && n.dataset.seg)
				segs.unshift(n.dataset.seg);
		return segs.join('/');
	}

	function listKey(l) {
		var a = addrOf(l);
		return (a ? a + '/' : '') + l.dataset.entry;
	}

	function own(el, sel) {
		var i, c = el.children;
		for (i = 0; i < c.length; i++)
			if (c[i].matches(sel))
				return c[i];
		return null;
	}

	/* ---- reading and writing one field ---- */

	function inputOf(fld) {
		return own(fld, '.v') || fld.querySelector('.v');
	}

	function valueOf(fld) {
		var ft = fld.dataset.ft, v, lines;
		if (ft === 'choice') {
			v = fld.querySelector('input[type=radio]:checked');
			return v ? v.value : '';
		}
		if (ft === 'flag')
			return inputOf(fld).checked ? 'true' : 'false';
		if (ft === 'checks') {
			lines = [];
			fld.querySelectorAll('.ck').forEach(function (ck) {
				var box = ck.querySelector('input[type=checkbox]');
				var slot = ck.querySelector('.slot');
				var s = slot ? slot.value.replace(/[\t\n]/g, ' ').trim() : '';
				var t = box.indeterminate ? '?' : box.checked ? '1' :
				    s ? '0' : '';
				if (t)
					lines.push(t + '\t' + box.value + '\t' + s);
			});
			return lines.join('\n');
		}
		return inputOf(fld).value;
	}

	/* Where CSS cannot size a text area to its content (field-sizing),
	 * the script does, as it is typed in. */
	var sizing = window.CSS && CSS.supports('field-sizing', 'content');

	function grow(ta) {
		if (sizing || ta.tagName !== 'TEXTAREA')
			return;
		ta.style.height = 'auto';
		ta.style.height = (ta.scrollHeight + 4) + 'px';
	}

	function setField(fld, v) {
		var ft = fld.dataset.ft, inp;
		if (ft === 'choice') {
			fld.querySelectorAll('input[type=radio]').forEach(function (r) {
				r.checked = r.value === v;
			});
		} else if (ft === 'checks') {
			var m = new Map();
			(v || []).forEach(function (c) { m.set(c[1], c); });
			fld.querySelectorAll('.ck').forEach(function (ck) {
				var box = ck.querySelector('input[type=checkbox]');
				var slot = ck.querySelector('.slot');
				var c = m.get(box.value);
				box.indeterminate = !!c && c[0] === '?';
				box.checked = !!c && c[0] === '1';
				if (slot)
					slot.value = c ? c[2] : '';
			});
		} else if (ft === 'flag') {
			inputOf(fld).checked = v === 'true';
		} else if (ft === 'date') {
			inp = inputOf(fld);
			inp.value = v ? v.w : '';
			inp.title = v && v.iso ? v.iso : '';
		} else if (ft !== 'period') {
			inp = inputOf(fld);
			inp.value = v === undefined || v === null ? '' : v;
		}
	}

	function busy(fld, a) {
		return timers.has(a) || inflight.has(a) ||
		    fld.contains(document.activeElement) &&
		    document.activeElement.matches('input[type=text], textarea');
	}

	/* ---- the state from the server ---- */

	function instantiate(l, id) {
		var tpl = own(l, 'template');
		var e = tpl.content.firstElementChild.cloneNode(true);
		e.dataset.seg = l.dataset.entry + '#' + id;
		e.dataset.id = id;
		e.querySelectorAll('.fld[data-ft=choice]').forEach(nameRadios);
		return e;
	}

	function nameRadios(fld) {
		var name = 'r' + (++radios);
		fld.querySelectorAll('input[type=radio]').forEach(function (r) {
			r.name = name;
		});
	}

	/* Makes the entries of l those of the state, in its order. */
	function syncList(l, lists) {
		var ids = lists[listKey(l)] || [], box = own(l, '.entries');
		var have = new Map(), made = false, i, e;
		Array.prototype.forEach.call(box.children, function (c) {
			have.set(c.dataset.id, c);
		});
		for (i = 0; i < ids.length; i++) {
			e = have.get(ids[i]);
			if (!e) {
				e = instantiate(l, ids[i]);
				made = true;
			}
			have.delete(ids[i]);
			if (box.children[i] !== e)
				box.insertBefore(e, box.children[i] || null);
			own(own(e, '.eh'), '.et').querySelector('.no').textContent =
			    String(i + 1);
		}
		have.forEach(function (c) { c.remove(); });
		return made;
	}

	function map() {
		var m = new Map();
		form.querySelectorAll('[data-seg]:not([data-seg=""])').forEach(function (el) {
			m.set(addrOf(el), el);
		});
		return m;
	}

	function sync(st) {
		var lists = st.lists, again = true, m;
		state = st;
		document.getElementById('file').textContent = st.file;
		document.getElementById('changes').hidden = !st.prev;
		while (again) {
			again = false;
			form.querySelectorAll('.list').forEach(function (l) {
				if (syncList(l, lists))
					again = true;
			});
		}
		m = map();
		m.forEach(function (el, a) {
			if (!el.classList.contains('fld') || el.dataset.ft === 'period' ||
			    busy(el, a))
				return;
			setField(el, st.values[a]);
		});
		applyStatus(st, m);
	}

	function target(m, a) {
		while (a) {
			if (m.has(a))
				return m.get(a);
			a = a.indexOf('/') >= 0 ? a.slice(0, a.lastIndexOf('/')) : '';
		}
		return null;
	}

	/* Findings, derived values, flags set from II and what they hide. */
	function applyStatus(st, m) {
		var list = document.getElementById('summary-list');
		var ne = 0, nw = 0;
		m = m || map();
		dirty = st.dirty;
		showDirty();
		form.querySelectorAll('.fd').forEach(function (fd) {
			fd.textContent = '';
		});
		form.querySelectorAll('.has-error, .has-warning').forEach(function (e) {
			e.classList.remove('has-error', 'has-warning');
		});
		list.textContent = '';
		(st.findings || []).forEach(function (f, i) {
			var el = target(m, f.addr), fd, p, li, a;
			p = document.createElement('p');
			p.className = 'finding ' + f.level;
			p.textContent = f.msg;
			p.id = 'finding-' + i;
			if (f.rule) {
				var r = document.createElement('span');
				r.className = 'rule';
				r.textContent = ' [' + f.rule + ']';
				p.appendChild(r);
			}
			if (el && (fd = own(el, '.fd') || el.querySelector('.fd'))) {
				fd.appendChild(p);
				el.classList.add(f.level === 'error' ? 'has-error' :
				    'has-warning');
			}
			if (f.level === 'error')
				ne++;
			else if (f.level === 'warning')
				nw++;
			li = document.createElement('li');
			li.className = f.level;
			a = document.createElement('a');
			a.href = '#';
			a.textContent = f.msg;
			a.dataset.addr = f.addr;
			li.appendChild(a);
			list.appendChild(li);
		});
		document.getElementById('count-err').textContent = String(ne);
		document.getElementById('count-warn').textContent = String(nw);
		document.getElementById('summary-none').hidden =
		    (st.findings || []).length > 0;
		form.querySelectorAll('.derived').forEach(function (d) {
			var k = addrOf(d) + '|' + d.dataset.value;
			var v = st.derived ? st.derived[k] : undefined;
			own(d, '.dv').textContent = v === undefined ? '' : v;
		});
		form.querySelectorAll('.fld[data-ft=flag]').forEach(function (f) {
			var linked = (st.linked || []).indexOf(addrOf(f)) >= 0;
			inputOf(f).disabled = linked;
			own(f, '.linked').hidden = !linked;
		});
		hide(st, m);
	}

	function flagOn(fld) {
		var i = fld ? inputOf(fld) : null;
		return !!(i && i.checked);
	}

	function hide(st, m) {
		var off = new Set();
		form.querySelectorAll('[data-off]').forEach(function (el) {
			var f = own(el.parentElement, '.fld[data-seg="' +
			    el.dataset.off + '"]');
			if (flagOn(f))
				off.add(el);
		});
		Object.keys(st.hide || {}).forEach(function (flag) {
			if (!flagOn(m.get(flag)))
				return;
			st.hide[flag].forEach(function (key) {
				form.querySelectorAll('.list').forEach(function (l) {
					if (listKey(l) === key &&
					    own(l, '.entries').children.length === 0)
						off.add(l);
				});
			});
		});
		form.querySelectorAll('.off').forEach(function (el) {
			if (!off.has(el))
				el.classList.remove('off');
		});
		off.forEach(function (el) { el.classList.add('off'); });
	}

	/* ---- sending edits ---- */

	function send(fld) {
		var a = addrOf(fld);
		if (timers.has(a)) {
			clearTimeout(timers.get(a));
			timers.delete(a);
		}
		var v = valueOf(fld);
		inflight.set(a, (inflight.get(a) || 0) + 1);
		return enqueue(function () {
			return call('api/set', { a: a, v: v }).then(function (r) {
				answered(a);
				if (r.state)
					sync(r.state);
				else
					applyStatus(r);
				if (r.value !== undefined && !busy(fld, a))
					setField(fld, r.value);
				if (r.note) {
					var p = document.createElement('p');
					p.className = 'finding note';
					p.textContent = r.note;
					(own(fld, '.fd') || fld.querySelector('.fd')).prepend(p);
				}
			}, function (e) {
				answered(a);
				throw e;
			});
		});
	}

	function answered(a) {
		var n = inflight.get(a) - 1;
		if (n > 0)
			inflight.set(a, n);
		else
			inflight.delete(a);
	}

	function later(fld) {
		var a = addrOf(fld);
		if (timers.has(a))
			clearTimeout(timers.get(a));
		timers.set(a, setTimeout(function () {
			timers.delete(a);
			send(fld);
		}, 250));
	}

	/* Sends what is still waiting; resolves when all is answered. */
	function flush() {
		var waiting = [];
		timers.forEach(function (t, a) {
			clearTimeout(t);
			waiting.push(a);
		});
		timers.clear();
		var m = map();
		waiting.forEach(function (a) {
			if (m.has(a))
				send(m.get(a));
		});
		return chain;
	}

	function structural(path, params) {
		return flush().then(function () {
			return enqueue(function () {
				return call(path, params).then(function (r) {
					if (r.state)
						sync(r.state);
					return r;
				});
			});
		});
	}

	function fieldOf(el) {
		var f = el.closest('.fld');
		return f && f.dataset.ft === 'period' ? null : f;
	}

	function onInput(ev) {
		var f = fieldOf(ev.target);
		if (!f)
			return;
		grow(ev.target);
		if (f.dataset.ft === 'date' || ev.target.type === 'radio' ||
		    ev.target.type === 'checkbox')
			return;
		later(f);
	}

	function onChange(ev) {
		var f = fieldOf(ev.target);
		if (f)
			send(f);
	}

	function onClick(ev) {
		var t = ev.target, l, e, f;
		if ((f = t.closest('.clear')) && (f = fieldOf(f))) {
			f.querySelectorAll('input[type=radio]').forEach(function (r) {
				r.checked = false;
			});
			send(f);
		} else if (t.closest('.add')) {
			l = t.closest('.list');
			structural('api/add', { a: listKey(l) });
		} else if ((e = t.closest('.entry')) && t.closest('.eb')) {
			if (t.closest('.remove')) {
				if (!window.confirm(text('EDIT_CONFIRM_REMOVE',
				    own(own(e, '.eh'), '.et').textContent.trim())))
					return;
				structural('api/remove', { a: addrOf(e) });
			} else if (t.closest('.up'))
				structural('api/move', { a: addrOf(e), d: '-1' });
			else if (t.closest('.down'))
				structural('api/move', { a: addrOf(e), d: '1' });
		}
	}

	/* ---- the buttons ---- */

	function save(force) {
		status(text('EDIT_SAVING'), '');
		return flush().then(function () {
			return enqueue(function () {
				return call('api/save', { force: force ? '1' : '0' }).then(function (r) {
					if (r.ok) {
						dirty = r.dirty;
						showDirty();
					} else if (r.conflict) {
						status(r.msg, 'error');
						if (window.confirm(text('EDIT_CONFLICT_FORCE')))
							return save(true);
					} else
						status(r.msg, 'error');
				});
			});
		});
	}

	function pdf() {
		flush().then(function () {
			window.open('api/pdf?t=' + encodeURIComponent(token), '_blank');
		});
	}

	function cells(tr, vals) {
		vals.forEach(function (v) {
			var td = document.createElement('td');
			td.textContent = v;
			tr.appendChild(td);
		});
	}

	function changes() {
		var dlg = document.getElementById('changes-dialog');
		flush().then(function () {
			return call('api/changes');
		}).then(function (r) {
			var tb = document.querySelector('#changes-table tbody');
			tb.textContent = '';
			r.rows.forEach(function (row) {
				var tr = document.createElement('tr');
				cells(tr, row);
				tb.appendChild(tr);
			});
			document.getElementById('changes-note').textContent =
			    r.rows.length ? text('EDIT_CHANGES_NOTE', r.prev) :
			    text('EDIT_NO_CHANGES');
			document.getElementById('changes-append').disabled =
			    r.rows.length === 0;
			if (!dlg.open)
				dlg.showModal();
		});
	}

	function appendChanges() {
		structural('api/history', {}).then(function (r) {
			return call('api/state').then(function (st) {
				sync(st);
				document.getElementById('changes-note').textContent =
				    text('EDIT_CHANGES_ADDED', r.added);
				document.getElementById('changes-append').disabled = true;
			});
		});
	}

	function reveal(el) {
		var n;
		for (n = el; n && n !== form; n = n.parentElement)
			if (n.classList.contains('off'))
				n.classList.remove('off');
	}

	function onSummary(ev) {
		var a = ev.target.closest('a'), m, el, inp;
		if (!a)
			return;
		ev.preventDefault();
		m = map();
		el = target(m, a.dataset.addr) || form;
		reveal(el);
		el.scrollIntoView({ block: 'center' });
		inp = el.querySelector('input:not([disabled]), textarea');
		if (inp)
			inp.focus({ preventScroll: true });
		el.classList.add('flash');
		setTimeout(function () { el.classList.remove('flash'); }, 1200);
	}

	function goodbye() {
		var m = map();
		/* what was typed but not sent yet, then goodbye */
		timers.forEach(function (t, a) {
			clearTimeout(t);
			if (m.has(a))
				navigator.sendBeacon('api/set?t=' + encodeURIComponent(token),
				    new URLSearchParams({ a: a, v: valueOf(m.get(a)) }));
		});
		timers.clear();
		navigator.sendBeacon('api/bye?t=' + encodeURIComponent(token), '');
	}

	function start() {
		form = document.getElementById('form');
		document.querySelectorAll('#texts').forEach(function (t) {
			t.content.querySelectorAll('[data-n]').forEach(function (s) {
				T[s.dataset.n] = s.textContent;
			});
		});
		form.querySelectorAll('.fld[data-ft=choice]').forEach(function (f) {
			if (!f.closest('template'))
				nameRadios(f);
		});
		form.addEventListener('input', onInput);
		form.addEventListener('change', onChange);
		form.addEventListener('click', onClick);
		form.addEventListener('focusout', function (ev) {
			var f = fieldOf(ev.target);
			if (f && timers.has(addrOf(f)))
				send(f);
		});
		document.getElementById('summary').addEventListener('click', onSummary);
		document.getElementById('save').addEventListener('click', function () {
			save(false);
		});
		document.getElementById('pdf').addEventListener('click', pdf);
		document.getElementById('changes').addEventListener('click', changes);
		document.getElementById('changes-append').addEventListener('click',
		    appendChanges);
		document.getElementById('changes-close').addEventListener('click',
		    function () { document.getElementById('changes-dialog').close(); });
		document.getElementById('findings').addEventListener('click', function () {
			document.body.classList.toggle('no-summary');
		});
		document.addEventListener('keydown', function (ev) {
			if ((ev.ctrlKey || ev.metaKey) && ev.key === 's') {
				ev.preventDefault();
				save(false);
			}
		});
		window.addEventListener('pagehide', goodbye);
		window.addEventListener('beforeunload', function (ev) {
			if (timers.size > 0 || inflight.size > 0) {
				ev.preventDefault();
				ev.returnValue = '';
			}
		});
		setInterval(function () {
			enqueue(function () {
				return call('api/ping', {}).then(function (r) {
					dirty = r.dirty;
					showDirty();
				});
			});
		}, 15000);
		enqueue(function () {
			return call('api/state').then(function (st) {
				sync(st);
				window.piaEdit.readyAt = performance.now();
				document.body.classList.add('ready');
			});
		});
	}

	/* for tests and the benchmark: resolves when every edit is answered */
	window.piaEdit = {
		flush: flush,
		save: save,
		find: function (a) { return map().get(a) || null; }
	};

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', start);
	else
		start();
})();
