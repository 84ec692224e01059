/* text.h: display width and layout of Japanese text; the only module that
 * measures text for the screen (STYLE rule 8). All strings are UTF-8; invalid
 * bytes are treated as U+FFFD (width 1).
 *
 * Width of a grapheme cluster = sum of wcwidth() of its code points, except:
 * East Asian Ambiguous characters count 2 in ambiguous-wide mode; ZWJ
 * (U+200D) and VS16 (U+FE0F) count 0 and are dropped for display; control
 * characters and other characters the C library cannot measure are shown by
 * text_display() as visible substitutes whose width is what is counted here.
 * Before using this module the process must have an UTF-8 LC_CTYPE:
 * text_init() ensures it. */
#ifndef TSU_TEXT_H
#define TSU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Make sure LC_CTYPE is UTF-8 (switches to C.UTF-8 if the current one is not).
 * Returns 0, or -1 if no UTF-8 locale could be set. Idempotent. Only LC_CTYPE
 * is touched. */
int text_init(void);
/* Ambiguous-wide mode (terminal draws East Asian Ambiguous as 2 columns):
 * then a code point that wcwidth() gives 1 and that is EA "A" counts 2 (a
 * combining mark that is "A" stays 0). This changes only this module's
 * counting; ncursesw must be told too, by the executable's wcwidth() override,
 * which must call the C library's wcwidth (dlsym RTLD_NEXT), never
 * text_cp_width (that calls wcwidth: infinite recursion). */
void text_set_ambiguous_wide(bool on);
bool text_ambiguous_wide(void);
/* True if cp is East Asian Width "A". */
bool text_is_ambiguous(uint32_t cp);

/* Columns of one code point as displayed (0, 1 or 2), including substitutes:
 * a control character shows as e.g. "^[" (2 columns), an unmeasurable
 * character as 〓 (2 columns). */
int text_cp_width(uint32_t cp);
/* Columns of a whole string / of s[0..len). */
int text_width(const char *s);
int text_width_n(const char *s, size_t len);

/* Byte offset of the next grapheme-cluster boundary after pos (len if none),
 * and of the previous one before pos (0 if none). Boundaries never fall
 * inside a code point as utf8_decode splits the bytes (each invalid subpart
 * is one character). Meant for cursor movement: each call re-reads the text
 * from a safe point, which for a long run of regional indicators (flags) is
 * its start; text_cut and text_wrap iterate in one pass instead. */
size_t text_next_grapheme(const char *s, size_t len, size_t pos);
size_t text_prev_grapheme(const char *s, size_t len, size_t pos);

/* Display form: control characters as ^X or <U+XXXX>, ESC sequences visible,
 * ZWJ/VS16 removed, unmeasurable characters as 〓, invalid bytes as U+FFFD.
 * Newly allocated; text_width() of the result equals text_width(s). */
char *text_display(const char *s);

/* Cut s to at most cols columns at a grapheme boundary, in display form
 * (as text_display); never half a wide character. With ellipsis, a string that
 * had to be cut ends in ".." (ASCII: "…" is East Asian Ambiguous) and is at
 * most cols wide: "山田太郎" at 5 gives "山.." (4), at 3 or 2 gives "..", at 1
 * gives "."; a string that fits is returned whole, without "..".
 * Without ellipsis the result is a prefix of text_display(s). cols <= 0 gives
 * "". *width (may be NULL) gets the width of the result. Newly allocated. */
char *text_cut(const char *s, int cols, bool ellipsis, int *width);
/* Cut or pad with spaces to exactly cols columns (a wide character that would
 * straddle the edge is replaced by a space: "髙橋" at 3 gives "髙 "). align:
 * -1 left, 0 centre (extra space on the right), 1 right. cols <= 0 gives "".
 * Newly allocated. */
char *text_pad(const char *s, int cols, int align);

/* Wrap s (display form) into lines of at most cols columns, breaking at
 * grapheme boundaries, preferring spaces for Latin text (a word of narrow
 * characters moves whole to the next line; the space at the break is
 * dropped); "\n" (or "\r\n") forces a break, so "" gives one empty line and
 * "a\n" gives "a" and "". Control substitutes wrap like text ("<U+0085>").
 * A character wider than a whole line (cols 1) shows as '?'. cols <= 0 gives
 * 0 lines and *lines NULL. Returns the number of lines and a newly allocated
 * array of newly allocated strings in *lines; free with text_lines_free. */
size_t text_wrap(const char *s, int cols, char ***lines);
void text_lines_free(char **lines, size_t n);

#endif
