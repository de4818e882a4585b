#include <stdio.h>
#include <stdlib.h>
typedef struct { int prio; int seq; const char *what; } Item;
typedef struct { Item *heap; int size, cap; } PQ;
static int less(const Item *a, const Item *b) { return a->prio < b->prio || (a->prio == b->prio && a->seq < b->seq); }
static void swap(Item *a, Item *b) { Item t = *a; *a = *b; *b = t; }
static void pq_push(PQ *q, Item it) {
  if (q->size == q->cap) { q->cap = q->cap ? q->cap * 2 : 4; q->heap = realloc(q->heap, q->cap * sizeof(Item)); }
  int i = q->size++;
  q->heap[i] = it;
  while (i > 0 && less(&q->heap[i], &q->heap[(i - 1) / 2])) { swap(&q->heap[i], &q->heap[(i - 1) / 2]); i = (i - 1) / 2; }
}
static Item pq_pop(PQ *q) {
  Item top = q->heap[0];
  q->heap[0] = q->heap[--q->size];
  int i = 0;
  for (;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < q->size && less(&q->heap[l], &q->heap[m])) m = l;
    if (r < q->size && less(&q->heap[r], &q->heap[m])) m = r;
    if (m == i) break;
    swap(&q->heap[i], &q->heap[m]);
    i = m;
  }
  return top;
}
int main(void) {
  PQ q = {0};
  const char *tasks[] = {"write", "test", "deploy", "review", "plan", "fix", "ship", "rest"};
  int seq = 0;
  for (int i = 0; i < 8; i++) pq_push(&q, (Item){(i * 5) % 3, seq++, tasks[i]});
  while (q.size > 3) { Item it = pq_pop(&q); printf("%d %d %s\n", it.prio, it.seq, it.what); }
  srand(5);
  for (int i = 0; i < 20; i++) pq_push(&q, (Item){rand() % 10, seq++, "job"});
  int last = -1, ok = 1;
  while (q.size) { Item it = pq_pop(&q); if (it.prio < last) ok = 0; last = it.prio; printf("%d:%d ", it.prio, it.seq); }
  printf("\nordered %d\n", ok);
  free(q.heap);
  return 0;
}
