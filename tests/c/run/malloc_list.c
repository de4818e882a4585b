#include <stdio.h>
#include <stdlib.h>
typedef struct Node { int value; struct Node *next; } Node;
Node *push(Node *head, int v) { Node *n = malloc(sizeof *n); n->value = v; n->next = head; return n; }
int main(void) {
  Node *list = NULL;
  for (int i = 0; i < 10; i++) list = push(list, i * i);
  int sum = 0;
  for (Node *n = list; n != NULL; n = n->next) sum += n->value;
  printf("%d\n", sum);
  while (list) { Node *next = list->next; free(list); list = next; }
  int *arr = calloc(100, sizeof(int));
  for (int i = 0; i < 100; i++) arr[i] += i;
  arr = realloc(arr, 200 * sizeof(int));
  for (int i = 100; i < 200; i++) arr[i] = i;
  long total = 0;
  for (int i = 0; i < 200; i++) total += arr[i];
  printf("%ld\n", total);
  free(arr);
  char *s = malloc(6);
  for (int i = 0; i < 5; i++) s[i] = 'a' + i;
  s[5] = 0;
  puts(s);
  free(s);
  return 0;
}
