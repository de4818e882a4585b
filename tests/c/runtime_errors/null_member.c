/* runtime-error: 6: null pointer dereference */
#include <stddef.h>
struct node { int v; struct node *next; };
int main(void) {
  struct node *n = NULL;
  return n->next->v;
}
