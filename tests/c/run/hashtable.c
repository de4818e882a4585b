#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
typedef struct Entry { char *key; int value; struct Entry *next; } Entry;
typedef struct { Entry **buckets; size_t nbuckets, count; } Map;
static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; }
  return h;
}
static void map_init(Map *m, size_t n) { m->buckets = calloc(n, sizeof(Entry *)); m->nbuckets = n; m->count = 0; }
static void map_grow(Map *m);
static void map_put(Map *m, const char *key, int value) {
  uint32_t h = hash(key) % m->nbuckets;
  for (Entry *e = m->buckets[h]; e; e = e->next)
    if (strcmp(e->key, key) == 0) { e->value = value; return; }
  Entry *e = malloc(sizeof *e);
  e->key = malloc(strlen(key) + 1);
  strcpy(e->key, key);
  e->value = value;
  e->next = m->buckets[h];
  m->buckets[h] = e;
  if (++m->count > m->nbuckets * 2) map_grow(m);
}
static int *map_get(Map *m, const char *key) {
  for (Entry *e = m->buckets[hash(key) % m->nbuckets]; e; e = e->next)
    if (!strcmp(e->key, key)) return &e->value;
  return NULL;
}
static void map_grow(Map *m) {
  Map bigger;
  map_init(&bigger, m->nbuckets * 4);
  for (size_t i = 0; i < m->nbuckets; i++) {
    Entry *e = m->buckets[i];
    while (e) {
      Entry *next = e->next;
      uint32_t h = hash(e->key) % bigger.nbuckets;
      e->next = bigger.buckets[h];
      bigger.buckets[h] = e;
      bigger.count++;
      e = next;
    }
  }
  free(m->buckets);
  *m = bigger;
}
static int map_remove(Map *m, const char *key) {
  Entry **pp = &m->buckets[hash(key) % m->nbuckets];
  while (*pp) {
    if (strcmp((*pp)->key, key) == 0) {
      Entry *dead = *pp;
      *pp = dead->next;
      free(dead->key);
      free(dead);
      m->count--;
      return 1;
    }
    pp = &(*pp)->next;
  }
  return 0;
}
int main(void) {
  Map m;
  map_init(&m, 4);
  const char *text = "the quick brown fox jumps over the lazy dog the fox barks and the dog runs quick quick";
  char word[32];
  const char *p = text;
  while (*p) {
    int n = 0;
    while (*p && *p != ' ') word[n++] = *p++;
    word[n] = 0;
    if (*p) p++;
    int *v = map_get(&m, word);
    if (v) (*v)++;
    else map_put(&m, word, 1);
  }
  const char *probe[] = {"the", "quick", "fox", "dog", "cat", "runs"};
  for (int i = 0; i < 6; i++) {
    int *v = map_get(&m, probe[i]);
    printf("%s: %d\n", probe[i], v ? *v : 0);
  }
  printf("count %zu buckets %zu\n", m.count, m.nbuckets);
  char key[16];
  for (int i = 0; i < 500; i++) { sprintf(key, "k%d", i); map_put(&m, key, i * i); }
  long total = 0;
  for (int i = 0; i < 500; i += 7) { sprintf(key, "k%d", i); total += *map_get(&m, key); }
  printf("total %ld count %zu buckets %zu\n", total, m.count, m.nbuckets);
  int removed = 0;
  for (int i = 0; i < 500; i += 2) { sprintf(key, "k%d", i); removed += map_remove(&m, key); }
  printf("removed %d count %zu missing %d\n", removed, m.count, map_get(&m, "k10") == NULL);
  printf("%u %u\n", hash(""), hash("dvm"));
  return 0;
}
