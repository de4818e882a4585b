#include <stdio.h>
#include <stdlib.h>
struct node { int val; struct node *next; };
static struct node *push_front(struct node *h, int v) { struct node *n = malloc(sizeof *n); n->val = v; n->next = h; return n; }
static struct node *reverse(struct node *h) {
  struct node *prev = NULL;
  while (h) { struct node *nx = h->next; h->next = prev; prev = h; h = nx; }
  return prev;
}
static struct node *merge(struct node *a, struct node *b) {
  struct node head = {0, NULL}, *t = &head;
  while (a && b) {
    if (a->val <= b->val) { t->next = a; a = a->next; } else { t->next = b; b = b->next; }
    t = t->next;
  }
  t->next = a ? a : b;
  return head.next;
}
static struct node *msort(struct node *h) {
  if (!h || !h->next) return h;
  struct node *slow = h, *fast = h->next;
  while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
  struct node *second = slow->next;
  slow->next = NULL;
  return merge(msort(h), msort(second));
}
static void print(const char *label, const struct node *h) {
  printf("%s:", label);
  for (; h; h = h->next) printf(" %d", h->val);
  printf("\n");
}
static struct node *remove_if_even(struct node *h) {
  struct node **pp = &h;
  while (*pp) {
    if ((*pp)->val % 2 == 0) { struct node *d = *pp; *pp = d->next; free(d); }
    else pp = &(*pp)->next;
  }
  return h;
}
int main(void) {
  struct node *list = NULL;
  srand(11);
  for (int i = 0; i < 15; i++) list = push_front(list, rand() % 100);
  print("orig", list);
  list = reverse(list);
  print("rev", list);
  list = msort(list);
  print("sorted", list);
  list = remove_if_even(list);
  print("odd", list);
  int n = 0;
  long sum = 0;
  for (struct node *p = list; p; p = p->next) { n++; sum += p->val; }
  printf("%d %ld\n", n, sum);
  while (list) { struct node *nx = list->next; free(list); list = nx; }
  print("empty", list);
  return 0;
}
