/* tsu_curses.h: the one way curses enters the program (STYLE rule 2). Only
 * the .c files of src/ui include it; it asks for the wide-character API
 * before the ncursesw header is seen, so cchar_t and friends are declared. */
#ifndef TSU_CURSES_H
#define TSU_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if defined(__has_include)
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif
#else
#include <curses.h>
#endif

/* The terminfo layer, for the one file that checks TERM before curses
 * starts; its macros (lines, columns, ...) stay out of every other file. */
#ifdef TSU_CURSES_TERMINFO
#if defined(__has_include) && __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif
#endif

#endif
