#include <stdio.h>
#include <string.h>
typedef struct { double x, y; } Vec;
typedef struct { Vec pos, vel; char name[12]; int id; } Body;
struct pair { char c; long l; short s; };
Vec vadd(Vec a, Vec b) { Vec r = {a.x + b.x, a.y + b.y}; return r; }
Vec vscale(Vec a, double k) { a.x *= k; a.y *= k; return a; }
Body step(Body b, double dt) { b.pos = vadd(b.pos, vscale(b.vel, dt)); b.id++; return b; }
void modify(Body *b) { strcpy(b->name, "changed"); b->pos.x = -1; }
struct pair make_pair(char c, long l, short s) { struct pair p; p.c = c; p.l = l; p.s = s; return p; }
Body world[3];
int main(void) {
  Body b = {{0, 0}, {1.5, -2}, "probe", 1};
  Body c = b;
  for (int i = 0; i < 4; i++) b = step(b, 0.5);
  printf("%s %d %.2f %.2f\n", b.name, b.id, b.pos.x, b.pos.y);
  printf("%s %d %.2f %.2f\n", c.name, c.id, c.pos.x, c.pos.y);
  modify(&c);
  printf("%s %.2f\n", c.name, c.pos.x);
  world[1] = b;
  world[2] = world[1];
  world[2].vel.y = 100;
  printf("%.2f %.2f %s\n", world[1].vel.y, world[2].vel.y, world[2].name);
  struct pair p = make_pair('z', 1L << 40, -3);
  printf("%c %ld %d %zu\n", p.c, p.l, p.s, sizeof p);
  Vec v = vadd(vadd((Vec){1, 2}, (Vec){3, 4}), vscale((Vec){1, 1}, 10));
  printf("%.1f %.1f\n", v.x, v.y);
  Body *bp = &world[2];
  Vec *vp = &bp->pos;
  vp->y += 1;
  printf("%.2f %.2f\n", world[2].pos.y, (*bp).pos.y);
  printf("%d\n", vadd(v, v).x > 20);
  struct { int a[3]; } s1 = {{1, 2, 3}}, s2;
  s2 = s1;
  s1.a[0] = 99;
  printf("%d %d\n", s1.a[0], s2.a[0]);
  Body arr[2] = {b, c};
  printf("%s %s\n", arr[0].name, arr[1].name);
  printf("%d\n", memcmp(&arr[0], &b, sizeof b) == 0);
  return 0;
}
