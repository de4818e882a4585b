/* error-line: 7 */
/* gcc reads from the top: the undeclared name comes before the missing ';' below it. */
#include <stdio.h>

int main(void) {
    int i = 0;
    j = 1;
    printf("%d\n", i)
    return 0;
}
