/* paths.h: where the data files and the database live.
 * Data directory, in order: $TSUNAGU_DATA_DIR; the source tree's data/ when the
 * binary runs from its build tree; <prefix>/share/tsunagu next to the binary;
 * the configured install data directory.
 * Database, in order: --db PATH, $TSUNAGU_DB, $XDG_DATA_HOME/tsunagu/tsunagu.db,
 * ~/.local/share/tsunagu/tsunagu.db. */
#ifndef TSU_PATHS_H
#define TSU_PATHS_H

#include "tsunagu/err.h"

/* The data directory (static storage, never NULL once found). Returns NULL
 * and sets e if no directory holding eras.tsv can be found. */
const char *paths_data_dir(struct tsu_err *e);
/* A newly allocated path "<data dir>/<name>", or NULL with e set. */
char *paths_data_file(const char *name, struct tsu_err *e);
/* The database path: cli_path if not NULL, else $TSUNAGU_DB, else the XDG
 * default. Newly allocated. */
char *paths_db(const char *cli_path);
/* mkdir -p of the directory part of path (mode 0700 for new directories). */
int paths_make_parent(const char *path, struct tsu_err *e);

#endif
