/* error-line: 4 */
int main(void) {
    int i = 0;
    i = (1 + 2
    ;
    return i;
}
