/* Bit-fields: gcc's x86-64 layout (sizeof, offsetof, the bytes of a static
   object), signed fields that wrap into their sign bit, unsigned fields that
   wrap modulo their width, _Bool fields, unnamed and zero-width padding,
   compound assignment, ++/--, the value of an assignment (what the field
   holds), initializers (positional, designated, static), unions, copies,
   and the int promotion of narrow fields in arithmetic and printf. */
#include <stddef.h>
#include <stdio.h>

struct flags {
  unsigned ready : 1;
  unsigned error : 1;
  unsigned mode : 3;
  signed int level : 4;
  _Bool on : 1;
};

struct packet {
  unsigned version : 4;
  unsigned header_len : 4;
  unsigned : 8; /* reserved */
  unsigned length : 16;
  int checksum : 12;
  unsigned : 0; /* the next field starts a new unit */
  unsigned tail : 3;
};

struct mixed {
  char tag;
  int small : 5;
  char after;
  unsigned wide : 32;
};

union view {
  unsigned word;
  struct {
    unsigned low : 8;
    unsigned mid : 16;
    unsigned high : 8;
  } parts;
};

static struct packet templ = {4, 5, 1500, -7, 6};
static struct flags preset = {.mode = 5, .level = -3, .on = 1};

static void show(const char *name, struct flags f) {
  printf("%s: ready=%u error=%u mode=%u level=%d on=%d\n", name, f.ready, f.error, f.mode, f.level, f.on);
}

static void dump(const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
  printf("\n");
}

int main(void) {
  printf("sizes %zu %zu %zu %zu\n", sizeof(struct flags), sizeof(struct packet), sizeof(struct mixed),
         sizeof(union view));
  printf("offset %zu\n", offsetof(struct mixed, after));

  struct flags f = {0};
  show("zero", f);
  f.ready = 1;
  f.mode = 9; /* 9 mod 8 */
  f.level = 7;
  f.level++; /* wraps to -8 */
  f.on = 5;  /* any nonzero is 1 */
  show("set", f);
  f.mode += 6;
  f.level -= 1;
  f.error = ~f.error;
  show("changed", f);
  int was = f.mode--;
  int now = --f.mode;
  printf("post %d pre %d\n", was, now);
  printf("assignment value %d %d\n", (f.level = 9), (f.mode = 12));
  show("preset", preset);
  struct flags copy = preset;
  copy.level = -copy.level;
  show("copy", copy);
  show("preset again", preset);

  /* Narrow unsigned fields promote to int: 0 - 1 is negative. */
  printf("promotion %d %d\n", f.ready - 2 < 0, sizeof(f.mode + 0) == sizeof(int));

  printf("packet %u %u %u %d %u\n", templ.version, templ.header_len, templ.length, templ.checksum, templ.tail);
  dump(&templ, sizeof templ);
  struct packet p = templ;
  p.length = 70000; /* mod 65536 */
  p.checksum = 2047;
  p.checksum += 1; /* wraps to -2048 */
  p.tail = 7;
  printf("packet %u %u %u %d %u\n", p.version, p.header_len, p.length, p.checksum, p.tail);
  dump(&p, sizeof p);

  struct mixed m = {'x', -16, 'y', 4000000000u};
  printf("mixed %c %d %c %u\n", m.tag, m.small, m.after, m.wide);
  m.small = 15;
  m.small++;
  m.wide += 300000000u;
  printf("mixed %c %d %c %u\n", m.tag, m.small, m.after, m.wide);

  union view v;
  v.word = 0x12345678u;
  printf("view %x %x %x\n", v.parts.low, v.parts.mid, v.parts.high);
  v.parts.mid = 0xabcd;
  printf("word %x\n", v.word);

  struct flags table[3] = {{1, 0, 2, -1, 0}, {.level = 3}, [2].mode = 4};
  int sum = 0;
  for (int i = 0; i < 3; i++) sum += table[i].mode * 10 + table[i].level;
  printf("table sum %d\n", sum);
  struct flags *fp = &table[1];
  fp->ready = 1;
  fp->mode |= 6;
  show("through pointer", *fp);
  return 0;
}
