/* error-line: 5 */
/* link-error: yes */
#include <stdio.h>

extern int counter;

int main(void) {
    printf("%d\n", counter);
    return 0;
}
