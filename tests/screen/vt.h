/* vt.h: a terminal for screen tests. Runs the real binary ($TSUNAGU_BIN)
 * under a pseudo-terminal and feeds its output into libvterm, an in-process
 * terminal emulator, so a test can type keys (UTF-8, invalid bytes, F-keys as
 * the terminal would send them), resize, and read back exact cells. Every
 * wait polls the pty against a deadline; a child still running when the test
 * ends or times out is killed. */
#ifndef TSU_VT_H
#define TSU_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <termios.h>

#include <vterm.h>

struct vt;

struct vt_opts {
	int rows, cols;          /* 24x80 when 0 */
	const char *term;        /* TERM, "xterm-256color" when NULL */
	const char *db;          /* --db PATH (required) */
	const char *const *args; /* more arguments after --db PATH, NULL-terminated */
	const char *const *env;  /* more "NAME=value" settings, NULL-terminated */
	/* Emulate a terminal that draws East Asian Ambiguous characters two
	 * columns wide: after each such character the cursor moves one more
	 * column, exactly as such a terminal advances (libvterm itself draws
	 * them one column wide and cannot be told otherwise). */
	bool ambiguous_wide;
	bool no_cursor_reply; /* do not answer ESC[6n (a terminal that never replies) */
};

/* Start the program; NULL on failure (message on stderr). */
struct vt *vt_start(const struct vt_opts *o);
/* Kill the child if it still runs, and free everything. NULL-safe. */
void vt_free(struct vt *v);

/* Send raw bytes (text, invalid bytes, control characters). */
void vt_send(struct vt *v, const char *bytes, size_t n);
void vt_type(struct vt *v, const char *s);
/* Send a key as the terminal would encode it (VTERM_KEY_*, VTERM_KEY_FUNCTION(n)). */
void vt_key(struct vt *v, int vterm_key, int mod);
void vt_fkey(struct vt *v, int n);
/* Resize the pty (the child gets SIGWINCH) and the emulator. */
void vt_resize(struct vt *v, int rows, int cols);
/* Read what the child wrote for up to ms milliseconds (at least once). */
void vt_pump(struct vt *v, int ms);

/* Default deadline for the waits, in milliseconds. */
#define VT_TIMEOUT 10000

/* Wait until text appears anywhere / on row; false on timeout (the screen
 * is printed to stderr). */
bool vt_wait_text(struct vt *v, const char *text, int timeout_ms);
bool vt_wait_row(struct vt *v, int row, const char *text, int timeout_ms);
/* Wait until text is gone from the screen. */
bool vt_wait_gone(struct vt *v, const char *text, int timeout_ms);
/* Wait until the output has been quiet for quiet_ms. */
void vt_settle(struct vt *v, int quiet_ms);

/* Row text as UTF-8: each cell's characters (combining ones included), a
 * wide character once, empty cells as spaces. Newly allocated. */
char *vt_row(struct vt *v, int row);
/* First place text occurs: row and cell column; false if nowhere. */
bool vt_find(struct vt *v, const char *text, int *row, int *col);
/* The cell at row, col. */
bool vt_cell(struct vt *v, int row, int col, VTermScreenCell *cell);
/* The first character of a cell (0 for empty). */
uint32_t vt_char(struct vt *v, int row, int col);
void vt_cursor(struct vt *v, int *row, int *col);
int vt_rows(struct vt *v);
int vt_cols(struct vt *v);
bool vt_altscreen(struct vt *v);
bool vt_cursor_visible(struct vt *v);
/* The pty's termios as the child left it. */
bool vt_termios(struct vt *v, struct termios *t);
void vt_dump(struct vt *v, FILE *out);

/* Send a signal to the child. */
void vt_signal(struct vt *v, int sig);
/* Wait for the child to exit; its exit status, 128+signal, or -1 on timeout
 * (then it is killed). */
int vt_wait_exit(struct vt *v, int timeout_ms);

/* Helpers for tests: a fresh temporary directory with a database path in it
 * (newly allocated; remove with vt_tmp_remove), and running the binary with
 * arguments without a terminal (exit status). */
char *vt_tmp_db(void);
void vt_tmp_remove(char *db);
int vt_run_cli(const char *db, const char *const *args);

#endif
