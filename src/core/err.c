/* err.c: the per-context error buffer. */
#include "tsunagu/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/util.h"

void err_clear(struct tsu_err *e)
{
	if (e) {
		e->code = 0;
		e->msg[0] = '\0';
	}
}

int err_set(struct tsu_err *e, int code, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (!e)
		return code;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	e->code = code;
	strlcpy_utf8(e->msg, s, sizeof e->msg);
	free(s);
	return code;
}

void err_prefix(struct tsu_err *e, const char *fmt, ...)
{
	va_list ap;
	char *p, *s;

	if (!e)
		return;
	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	s = e->msg[0] ? xasprintf("%s: %s", p, e->msg) : xstrdup(p);
	strlcpy_utf8(e->msg, s, sizeof e->msg);
	free(p);
	free(s);
}

const char *err_name(int code)
{
	switch (code) {
	case TSU_OK: return "成功";
	case TSU_EINVAL: return "入力が正しくありません";
	case TSU_ENOMEM: return "メモリが足りません";
	case TSU_EDB: return "データベースのエラー";
	case TSU_ECONFLICT: return "他の職員が先に保存しました";
	case TSU_ENOTFOUND: return "見つかりません";
	case TSU_EPERM: return "権限がありません";
	case TSU_EIO: return "ファイルの読み書きに失敗しました";
	case TSU_EBUSY: return "データベースが使用中です";
	case TSU_ENEWER: return "新しい版の tsunagu で作られたデータベースです";
	case TSU_EENCODING: return "文字コードが正しくありません";
	default: return "不明なエラー";
	}
}
