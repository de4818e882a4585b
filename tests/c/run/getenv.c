/* getenv reads the environment dvm runs in: a variable that is not set is
   NULL, a set one its value, the same pointer each time (as glibc's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    const char *none = getenv("DVM_SURELY_NOT_SET_ANYWHERE");
    const char *path = getenv("PATH");
    const char *again = getenv("PATH");
    printf("unset: %s\n", none ? "set" : "NULL");
    printf("PATH: %s, same pointer: %d, has a slash: %d\n", path ? "set" : "NULL", path == again,
           path != NULL && strchr(path, '/') != NULL);
    printf("bad name: %s\n", getenv("A=B") ? "set" : "NULL");
    printf("empty name: %s\n", getenv("") ? "set" : "NULL");
    return 0;
}
