/* error-line: 4 */
#include <stdio.h>
void f(void) {
    int *p = "text";
    (void)p;
}
int g(void) {
    return 1
}
int main(void) {
    f();
    return g();
}
