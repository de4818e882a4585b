/* error-line: 3 */
enum colour { RED, GREEN }
static int chosen;
int main(void) {
    return chosen;
}
