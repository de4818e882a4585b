/* error-line: 3 */
static void log_it(void) {}
static void run(void) { return log_it(); }
int main(void) {
  run();
  return 0;
}
