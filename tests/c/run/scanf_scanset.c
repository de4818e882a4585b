/* scanf and sscanf scansets: %[set], %[^set], ranges, a ] first, width, suppression. */
#include <stdio.h>
#include <string.h>

int main(void) {
    char a[100], b[100], c[100];
    int n, r;
    r = scanf("%[^\n]", a);
    printf("%d [%s]\n", r, a);
    getchar();
    r = scanf("%[a-z]%d", b, &n);
    printf("%d [%s] %d\n", r, b, n);
    r = scanf(" %[]a-c-]%[^,],%s", a, b, c);
    printf("%d [%s] [%s] [%s]\n", r, a, b, c);
    r = scanf(" %3[0-9]%s", a, b);
    printf("%d [%s] [%s]\n", r, a, b);
    r = sscanf("key=value;rest", "%[^=]=%[^;];%*[a-z]%n", a, b, &n);
    printf("%d [%s] [%s] %d\n", r, a, b, n);
    strcpy(a, "unset");
    r = sscanf("123", "%[a-z]", a);
    printf("%d [%s]\n", r, a);
    r = sscanf("", "%[a-z]", a);
    printf("%d\n", r);
    r = scanf("%[x]", a);
    printf("%d\n", r);
    return 0;
}
