/* #if and #elif as gcc evaluates them (C11 6.10.1): intmax_t arithmetic, or
   uintmax_t when an operand is unsigned; character constants; defined with
   and without parentheses; unknown names are 0; &&, || and ?: do not
   evaluate the operand they skip.  The predefined macros of C11 6.10.8. */
#include <stdio.h>

#define CHECK(name, cond) printf("%-28s %s\n", name, (cond) ? "yes" : "no")
#define ONE 1
#define EMPTY
#define F(x) ((x) + 1)

int main(void) {
#if -1 > 0u
  CHECK("-1 > 0u", 1);
#else
  CHECK("-1 > 0u", 0);
#endif
#if -1 < 0
  CHECK("-1 < 0", 1);
#endif
#if 0xffffffffffffffff == -1 && 18446744073709551615u == -1
  CHECK("all ones", 1);
#endif
#if 0x7fffffffffffffff + 0 > 0 && -9223372036854775807 - 1 < 0
  CHECK("intmax limits", 1);
#endif
#if (0 ? 1u : -1) > 0
  CHECK("?: unsigned", 1);
#endif
#if (-1 >> 63) == -1 && (1u << 63 >> 63) == 1 && (1 << -1) == 0 && (8 >> -1) == 16
  CHECK("shifts", 1);
#endif
#if 'a' == 97 && '\n' == 10 && '\377' < 0 && '\x41' == 'A' && 'ab' == 24930 && '\0' == 0
  CHECK("character constants", 1);
#endif
#if L'\xff' == 255 && u'a' - 98 > 0
  CHECK("wide characters", 1);
#endif
#if defined ONE && defined(ONE) && !defined TWO && !defined(TWO)
  CHECK("defined", 1);
#endif
#if UNKNOWN_NAME == 0 && !UNKNOWN_NAME && F(UNKNOWN_NAME) == 1
  CHECK("unknown names are 0", 1);
#endif
#if 0 && (1 / 0)
#elif 1 || (1 % 0)
  CHECK("short circuit", 1);
#endif
#if 1 ? 2 : (1 / 0)
  CHECK("?: skips", 1);
#endif
#if (2 + 3) * 4 == 20 && 7 / 2 == 3 && -7 / 2 == -3 && -7 % 2 == -1 && 10 % 4 == 2
  CHECK("arithmetic", 1);
#endif
#if (1 | 2) == 3 && (6 & 3) == 2 && (5 ^ 1) == 4 && ~0 == -1 && !0 == 1
  CHECK("bitwise", 1);
#endif
#if 010 == 8 && 0x10 == 16 && 10L == 10 && 10ull == 10 && 1LL == 1
  CHECK("number forms", 1);
#endif
#if EMPTY 1 EMPTY
  CHECK("empty macros vanish", 1);
#endif
#if 0
#elif ONE + 1 == 2
  CHECK("#elif", 1);
#endif
#if __STDC__ == 1 && __STDC_VERSION__ == 201112L && __STDC_HOSTED__ == 1
  CHECK("__STDC__ and friends", 1);
#endif
#if defined(__FILE__) && defined __LINE__ && defined(__DATE__) && defined(__TIME__)
  CHECK("__FILE__ __LINE__ defined", 1);
#endif
  printf("%d %ld %d\n", __STDC__, __STDC_VERSION__, __STDC_HOSTED__);
  printf("%d %d\n", (int)sizeof(__DATE__), (int)sizeof(__TIME__));
  return 0;
}
