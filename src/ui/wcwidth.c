/* wcwidth.c: the ambiguous-wide mode. Many Japanese terminals draw East Asian
 * Ambiguous characters (○ ① ※ ...) two columns wide while glibc says one.
 * ncursesw lays out cells with wcwidth(), so the executable defines wcwidth
 * itself: it forwards to the C library's and answers 2 for an ambiguous
 * character when the mode is on. The core's text module is told the same, so
 * every width the screens compute agrees with what ncurses draws. This is the
 * only place in src/ui that measures a character. */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <string.h>
#include <wchar.h>

#include "tsunagu/text.h"
#include "ui_int.h"

static bool amb_wide;
static int (*libc_wcwidth)(wchar_t);

static void find_libc(void)
{
	void *p = dlsym(RTLD_NEXT, "wcwidth");

	memcpy(&libc_wcwidth, &p, sizeof(libc_wcwidth));
}

int wcwidth(wchar_t c)
{
	int w;

	if (!libc_wcwidth)
		find_libc();
	if (libc_wcwidth)
		w = libc_wcwidth(c);
	else
		w = c == 0 ? 0 : (c < 0x20 || (c >= 0x7f && c < 0xa0)) ? -1 : 1;
	if (amb_wide && w == 1 && c >= 0xa1 && text_is_ambiguous((uint32_t)c))
		return 2;
	return w;
}

void term_set_ambiguous(bool wide)
{
	amb_wide = wide;
	text_set_ambiguous_wide(wide);
}
