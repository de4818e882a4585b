/* error-line: 9 */
struct buffer {
    int data[4];
    int used;
};

int main(void) {
    const struct buffer b = {{1, 2, 3, 4}, 4};
    b.data[1] = 5;
    return b.data[1];
}
