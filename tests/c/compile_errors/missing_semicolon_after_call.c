/* error-line: 5 */
#include <stdio.h>

int main(void) {
    printf("hi\n")
    return 0;
}
