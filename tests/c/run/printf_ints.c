#include <stdio.h>
#include <stdint.h>
#include <limits.h>
int main(void) {
  int vals[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN, 1000000};
  for (int i = 0; i < 10; i++) {
    int v = vals[i];
    printf("[%d][%i][%5d][%-5d|][%05d][%+d][% d][%+05d][%-+6d|][%.3d][%8.4d][%-8.4d|]\n", v, v, v, v, v, v, v, v, v, v, v, v);
    printf("[%u][%x][%X][%#x][%#X][%o][%#o][%08x][%-8x|][%#010x][%.0d][%.0x]\n", (unsigned)v, (unsigned)v, (unsigned)v,
           (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, v, (unsigned)v);
  }
  printf("[%ld][%lu][%lx][%lld][%llu][%llx][%lo]\n", LONG_MIN, ULONG_MAX, -1L, LLONG_MAX, 18446744073709551615ULL, 0xdeadbeefcafeULL, 077777L);
  printf("[%hd][%hu][%hx][%hhd][%hhu][%hhx]\n", 70000, 70000, 70000, 300, 300, -1);
  printf("[%zu][%zd][%zx]\n", sizeof(long), (long)-5, (size_t)4096);
  printf("[%c][%3c][%-3c|][%c]\n", 'A', 'B', 'C', 97);
  printf("[%s][%8s][%-8s|][%.3s][%8.2s][%-8.2s|][%s]\n", "hello", "hi", "hi", "hello", "hello", "hello", "");
  printf("[%*d][%-*d|][%*d][%.*d][%*.*d]\n", 5, 1, 5, 2, -5, 3, 4, 5, 8, 3, 6);
  printf("[%*s][%.*s]\n", 6, "ab", 2, "abcdef");
  printf("[%%][%c%c]\n", 'o', 'k');
  int *p = 0;
  printf("[%p]\n", (void *)p);
  int n1 = printf("count me\n");
  printf("%d\n", n1);
  char buf[64];
  int n2 = sprintf(buf, "%d-%s-%x", 12, "ab", 255);
  printf("%s %d\n", buf, n2);
  int n3 = snprintf(buf, 5, "%d", 1234567);
  printf("%s %d\n", buf, n3);
  n3 = snprintf(buf, sizeof buf, "%-6s|%6.2f|", "x", 2.5);
  printf("%s %d\n", buf, n3);
  printf("%d %d %d\n", (int8_t)200, (int16_t)40000, (int32_t)3000000000u);
  printf("%u %u %u\n", (uint8_t)-1, (uint16_t)-1, (uint32_t)-1);
  printf("%lu %ld\n", (uint64_t)-1, (int64_t)INT64_MIN);
  return 0;
}
