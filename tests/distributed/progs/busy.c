/* A service whose call computes for a while without ever waiting. */
#include <stdio.h>
#include <time.h>
#include <dvm.h>
#pragma dvm service busy
#pragma dvm export spin
long spin(long seconds) {
  printf("spinning %ld s\n", seconds);
  fflush(stdout);
  time_t end = time(0) + seconds;
  long turns = 0;
  while (time(0) < end) turns++;
  printf("spun %ld s\n", seconds);
  fflush(stdout);
  return seconds;
}
int main(void) { dvm_serve(); return 0; }
