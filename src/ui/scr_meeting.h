/* scr_meeting.h: the two halves of 会議 (scr_meeting.c opens a meeting,
 * scr_meeting_walk.c walks through its cases). Private to src/ui. */
#ifndef TSU_UI_SCR_MEETING_H
#define TSU_UI_SCR_MEETING_H

#include "ui_int.h"

/* Walk through the meeting's cases one screen each, then its minutes.
 * 0, or -1 with a message set. */
int meeting_walk_open(struct ui *ui, int64_t meeting_id);

#endif
