#include <stdio.h>
#include <ctype.h>
#include <string.h>
#include <stdlib.h>
typedef enum { T_NUM, T_IDENT, T_OP, T_LPAREN, T_RPAREN, T_END } Kind;
typedef struct { Kind kind; long value; char text[16]; } Token;
static const char *src;
static Token cur;
static void next(void) {
  while (isspace((unsigned char)*src)) src++;
  if (!*src) { cur.kind = T_END; strcpy(cur.text, "<end>"); return; }
  if (isdigit((unsigned char)*src)) {
    cur.kind = T_NUM; cur.value = 0;
    int n = 0;
    while (isdigit((unsigned char)*src)) { cur.value = cur.value * 10 + (*src - '0'); cur.text[n++] = *src++; }
    cur.text[n] = 0;
    return;
  }
  if (isalpha((unsigned char)*src) || *src == '_') {
    int n = 0;
    cur.kind = T_IDENT;
    while (isalnum((unsigned char)*src) || *src == '_') { if (n < 15) cur.text[n++] = *src; src++; }
    cur.text[n] = 0;
    return;
  }
  cur.text[0] = *src; cur.text[1] = 0;
  cur.kind = *src == '(' ? T_LPAREN : *src == ')' ? T_RPAREN : T_OP;
  src++;
}
static long vars[26];
static long expr(void);
static long primary(void) {
  long v;
  if (cur.kind == T_NUM) { v = cur.value; next(); return v; }
  if (cur.kind == T_IDENT) { v = vars[tolower(cur.text[0]) - 'a']; next(); return v; }
  if (cur.kind == T_LPAREN) { next(); v = expr(); if (cur.kind == T_RPAREN) next(); return v; }
  if (cur.kind == T_OP && cur.text[0] == '-') { next(); return -primary(); }
  printf("unexpected %s\n", cur.text);
  next();
  return 0;
}
static long term(void) {
  long v = primary();
  while (cur.kind == T_OP && strchr("*/%", cur.text[0])) {
    char op = cur.text[0];
    next();
    long r = primary();
    if (op == '*') v *= r;
    else if (r == 0) { printf("division by zero\n"); v = 0; }
    else v = op == '/' ? v / r : v % r;
  }
  return v;
}
static long expr(void) {
  long v = term();
  while (cur.kind == T_OP && (cur.text[0] == '+' || cur.text[0] == '-')) {
    char op = cur.text[0];
    next();
    long r = term();
    v = op == '+' ? v + r : v - r;
  }
  return v;
}
int main(void) {
  const char *lines[] = {"1 + 2 * 3", "(1 + 2) * 3", "x = 7", "x * x - 1", "-(4 - 10) % 4", "y = x / 2", "y + foo_bar9 * 2",
                         "100 / (5 - 5)", "2 * (3 + (4 * (5 + 6)))", "@"};
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    src = lines[i];
    const char *eq = strchr(src, '=');
    int target = -1;
    if (eq) { target = tolower(src[0]) - 'a'; src = eq + 1; }
    int count = 0;
    const char *save = src;
    for (next(); cur.kind != T_END; next()) count++;
    src = save;
    next();
    long v = expr();
    if (target >= 0) vars[target] = v;
    printf("%-28s => %ld (%d tokens)\n", lines[i], v, count);
  }
  return 0;
}
