/* util.h: allocation wrappers that never return NULL, and a growable string.
 * On allocation failure the fatal hook runs first (the UI uses it to restore
 * the terminal with endwin), then a message goes to stderr and the process
 * aborts. */
#ifndef TSU_UTIL_H
#define TSU_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Called once before any fatal message is printed; may be NULL. */
void util_set_fatal_hook(void (*hook)(void));
/* Restore the terminal (via the hook), print "tsunagu: <msg>" and exit(2). */
_Noreturn void util_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Overflow-checked count * size for arrays. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A freshly allocated formatted string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Growable NUL-terminated byte string. Zero-initialise or call sbuf_init. */
struct sbuf {
	char *buf;  /* always NUL-terminated once anything was added */
	size_t len; /* bytes before the NUL */
	size_t cap;
};
void sbuf_init(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);
void sbuf_add(struct sbuf *sb, const char *s, size_t n);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addc(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_reset(struct sbuf *sb);
/* Hand the buffer to the caller (never NULL) and reset sb. */
char *sbuf_detach(struct sbuf *sb);

/* Copy src into dst of size n, always NUL-terminated (n > 0); truncates at a
 * UTF-8 character boundary. Returns strlen(src). */
size_t strlcpy_utf8(char *dst, const char *src, size_t n);

#endif
