#include <stdio.h>
#include <stdlib.h>
void fail(void) { printf("exiting\n"); exit(3); }
int main(void) { fail(); printf("not reached\n"); return 0; }
