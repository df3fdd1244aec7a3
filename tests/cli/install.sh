# make install into a staging directory (DESTDIR) installs libpia.a, the
# public headers and pia.pc; a program built with pkg-config against the
# staged copy runs, with the staged data; make uninstall removes it all.
D=$PWD/root
unset MAKEFLAGS MAKELEVEL MFLAGS
make -C "$ROOT" -s SAN= DESTDIR="$D" PREFIX=/usr install > make.log 2>&1 ||
    { cat make.log; exit 1; }
(cd "$D" && find usr/include usr/lib -type f | sort)
# The .pc names the prefix, not the staging directory: pkg-config finds it
# under DESTDIR and prefixes its paths with the sysroot.  A real sysroot
# holds the whole system; this one holds pia alone, so the directories of
# the libraries pia requires are the host's.
export PKG_CONFIG_PATH="$D/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
pkg-config --modversion pia || exit 1
flags=$(pkg-config --cflags --libs pia) || exit 1
for f in $flags; do
	case $f in -I"$D"*|-L"$D"*) ;; *) continue ;; esac
	p=${f#-?}
	[ -e "$p" ] && continue
	mkdir -p "$(dirname "$p")" && ln -s "${p#"$D"}" "$p"
done
cat > prog.c <<'PROG'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpia.h>

int
main(void)
{
	static const char	 xml[] = "<assessment xmlns=\"" PIA_NS
				    "\" kind=\"basic\"/>";
	struct pia_diags	*d = pia_diags_new();
	struct pia_vocab	*v = NULL;
	struct pia_validate_opts o = { .today = "2026-01-01" };
	struct pia_validator	*val = NULL;
	enum pia_vstatus	 st;
	struct pia_doc		*doc = NULL;
	char			*s, *sk = NULL;
	size_t			 len = 0;

	if (d == NULL)
		return 1;
	doc = pia_doc_load_memory(xml, sizeof(xml) - 1, "mem.xml", d);
	printf("libpia %s: a %s assessment\n", PIA_VERSION,
	    doc ? pia_kind_id(pia_doc_kind(doc)) : "-");
	if (pia_doc_load_memory("<x/>", 4, "x.xml", d) == NULL &&
	    pia_diags_count(d) == 1)
		printf("x.xml: %s\n", pia_diag_msg(pia_diags_get(d, 0), "en"));
	if ((s = pia_msg_str("en", PIA_M_IO_TOO_LARGE, (size_t)1)) != NULL)
		puts(s);
	free(s);
	/* The data of the installation: vocabulary and rule sets. */
	if ((v = pia_vocab_load_default(d)) != NULL &&
	    (sk = pia_skeleton(v, PIA_KIND_BASIC, &len)) != NULL &&
	    strncmp(sk, "<?xml", 5) == 0)
		puts("a blank basic assessment");
	o.vocab = v;
	if ((val = pia_validator_new(&o, &st, d)) != NULL &&
	    pia_validator_rule_count(val) > 0 && doc != NULL &&
	    pia_validate_doc(val, doc, d) > 0)
		puts("the built-in rules report its blanks");
	free(sk);
	pia_validator_free(val);
	pia_vocab_free(v);
	pia_doc_free(doc);
	pia_diags_free(d);
	return 0;
}
PROG
cc -std=c11 -Wall -Wextra -o prog prog.c $flags || exit 1
PIA_DATADIR="$D/usr/share/pia" ./prog || exit 1
make -C "$ROOT" -s SAN= DESTDIR="$D" PREFIX=/usr uninstall > make.log 2>&1 ||
    { cat make.log; exit 1; }
find "$D" -type f | wc -l
