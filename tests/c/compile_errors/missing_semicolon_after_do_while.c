/* error-line: 6 */
int main(void) {
    int i = 0;
    do {
        i++;
    } while (i < 3)
    return i;
}
