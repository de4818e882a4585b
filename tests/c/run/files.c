/* Files inside the working directory: fopen's modes, formatted and character
   I/O, fread/fwrite of structs, fseek/ftell/rewind, ungetc, remove, rename,
   errno from a failed fopen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
struct rec { int id; double score; char name[12]; };
int main(void) {
  FILE *f = fopen("data.txt", "w");
  if (!f) { perror("data.txt"); return 1; }
  for (int i = 1; i <= 5; i++) fprintf(f, "%d %s %.1f\n", i, i % 2 ? "odd" : "even", i * 1.5);
  fputs("last line\n", f);
  fputc('!', f); putc('\n', f);
  if (fclose(f) != 0) return 2;
  f = fopen("data.txt", "r");
  int id; char word[16]; double v; int total = 0;
  while (fscanf(f, "%d %15s %lf", &id, word, &v) == 3) { total += id; printf("%d:%s:%.2f\n", id, word, v); }
  char line[64];
  while (fgets(line, sizeof line, f)) printf("rest: %s", line);
  printf("eof=%d total=%d\n", feof(f) != 0, total);
  rewind(f);
  int c, n = 0, lines = 0; while ((c = getc(f)) != EOF) { n++; if (c == '\n') lines++; }
  printf("%d chars %d lines\n", n, lines);
  fseek(f, 0, SEEK_END); printf("size %ld\n", ftell(f));
  fseek(f, 2, SEEK_SET); printf("at 2: %c\n", fgetc(f)); printf("tell %ld\n", ftell(f));
  ungetc('X', f); c = fgetc(f); printf("%c", c); printf("%c\n", fgetc(f));
  fclose(f);
  f = fopen("data.txt", "a"); fprintf(f, "appended\n"); fclose(f);
  f = fopen("data.txt", "r"); int cnt = 0; while (fgets(line, sizeof line, f)) cnt++; fclose(f); printf("%d lines now\n", cnt);
  struct rec rs[3] = {{1, 2.5, "ann"}, {2, 3.75, "bob"}, {3, -1, "cy"}}, back[3];
  FILE *b = fopen("recs.bin", "wb");
  printf("wrote %zu\n", fwrite(rs, sizeof rs[0], 3, b));
  printf("tell %ld\n", ftell(b));
  fclose(b);
  b = fopen("recs.bin", "rb");
  printf("read %zu\n", fread(back, sizeof back[0], 5, b));
  printf("%d %.2f %s | %d %s\n", back[1].id, back[1].score, back[1].name, back[2].id, back[2].name);
  printf("eof %d\n", feof(b) != 0);
  fclose(b);
  FILE *m = fopen("no/such/dir/x.txt", "r");
  printf("%p %d %s\n", (void*)m, errno == ENOENT, strerror(errno));
  m = fopen("missing.txt", "r"); printf("%d\n", m == NULL && errno == ENOENT);
  errno = 0;
  int rn = rename("recs.bin", "recs2.bin"); printf("%d ", rn); printf("%d\n", remove("recs2.bin"));
  int rm = remove("recs2.bin"); printf("%d %d\n", rm, errno == ENOENT);
  remove("data.txt");
  fprintf(stdout, "to stdout\n"); fflush(NULL); fflush(stdin);
  return 0;
}
