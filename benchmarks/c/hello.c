/* hello: not a benchmark; run.sh measures the peak memory of running it. */
#include <stdio.h>

int main(void)
{
    printf("Hello, world!\n");
    return 0;
}
