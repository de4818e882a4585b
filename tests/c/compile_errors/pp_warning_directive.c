/* error-line: 5 */
/* #warning is standard only from C2x on: gcc -std=c11 -pedantic-errors
   refuses it. */
#include <stdio.h>
#warning this is a gcc extension
int main(void) { return 0; }
