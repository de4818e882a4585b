/* error-line: 3 */
enum big {
  HUGE = 3000000000
};
int main(void) { return HUGE != 0; }
