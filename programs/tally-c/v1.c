/* A tally service in C, version 1.  Commands on standard input:
     add NAME N   add N to NAME's tally
     show         list the tallies and the total
   Version 1 has a bug: show prints the total of all but the last entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX 32

struct entry {
  char name[16];
  int count;
};

struct entry table[MAX];
int used = 0;

int find(const char *name) {
  for (int i = 0; i < used; i++)
    if (strcmp(table[i].name, name) == 0) return i;
  return -1;
}

void add(const char *name, int n) {
  int i = find(name);
  if (i < 0) {
    if (used == MAX) { printf("table full\n"); return; }
    i = used++;
    strncpy(table[i].name, name, sizeof table[i].name - 1);
    table[i].count = 0;
  }
  table[i].count += n;
  printf("%s: %d\n", name, table[i].count);
}

void show(void) {
  int total = 0;
  for (int i = 0; i < used; i++) {
    printf("  %-10s %5d\n", table[i].name, table[i].count);
    if (i < used - 1) total += table[i].count;
  }
  printf("  %-10s %5d\n", "total", total);
}

/* "add NAME N": the name and the number; 0 when the line is not an add. */
int parse_add(char *line, char **name, int *n) {
  if (strncmp(line, "add ", 4) != 0) return 0;
  char *space = strchr(line + 4, ' ');
  if (!space) return 0;
  *space = '\0';
  *name = line + 4;
  *n = atoi(space + 1);
  return 1;
}

int main(void) {
  char line[128];
  char *name;
  int n;
  printf("tally service, version 1\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (parse_add(line, &name, &n)) add(name, n);
    else if (strncmp(line, "show", 4) == 0) show();
    else printf("unknown command\n");
    fflush(stdout);
  }
  return 0;
}
