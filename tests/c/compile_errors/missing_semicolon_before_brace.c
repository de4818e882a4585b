/* error-line: 6 */
int main(void) {
    int x = 0;
    for (;;) {
        x++;
        break
    }
    return x;
}
