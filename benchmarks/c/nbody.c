/* nbody: the Computer Language Benchmarks Game n-body simulation (Sun and the four gas
   giants). Measures real arithmetic, sqrt, and field access in an array of records. The
   energy is printed as trunc(-energy * 1e9), an integer every language prints alike. */
#include <stdio.h>
#include <math.h>

#define STEPS 2000000
#define NBODIES 5

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[NBODIES + 1];
static double solarmass, daysperyear;

static void setbody(int i, double x, double y, double z, double vx, double vy, double vz,
                    double mass)
{
    bodies[i].x = x;
    bodies[i].y = y;
    bodies[i].z = z;
    bodies[i].vx = vx * daysperyear;
    bodies[i].vy = vy * daysperyear;
    bodies[i].vz = vz * daysperyear;
    bodies[i].mass = mass * solarmass;
}

static void init(void)
{
    double pi = 3.141592653589793;
    solarmass = 4.0 * pi * pi;
    daysperyear = 365.24;
    setbody(1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
    setbody(2, 4.84143144246472090e+00, -1.16032004402742839e+00,
            -1.03622044471123109e-01, 1.66007664274403694e-03, 7.69901118419740425e-03,
            -6.90460016972063023e-05, 9.54791938424326609e-04);
    setbody(3, 8.34336671824457987e+00, 4.12479856412430479e+00,
            -4.03523417114321381e-01, -2.76742510726862411e-03, 4.99852801234917238e-03,
            2.30417297573763929e-05, 2.85885980666130812e-04);
    setbody(4, 1.28943695621391310e+01, -1.51111514016986312e+01,
            -2.23307578892655734e-01, 2.96460137564761618e-03, 2.37847173959480950e-03,
            -2.96589568540237556e-05, 4.36624404335156298e-05);
    setbody(5, 1.53796971148509165e+01, -2.59193146099879641e+01,
            1.79258772950371181e-01, 2.68067772490389322e-03, 1.62824170038242295e-03,
            -9.51592254519715870e-05, 5.15138902046611451e-05);
}

static void offsetmomentum(void)
{
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 1; i <= NBODIES; i++) {
        px = px + bodies[i].vx * bodies[i].mass;
        py = py + bodies[i].vy * bodies[i].mass;
        pz = pz + bodies[i].vz * bodies[i].mass;
    }
    bodies[1].vx = -px / solarmass;
    bodies[1].vy = -py / solarmass;
    bodies[1].vz = -pz / solarmass;
}

static double energy(void)
{
    double e = 0.0;
    for (int i = 1; i <= NBODIES; i++) {
        e = e + 0.5 * bodies[i].mass * (bodies[i].vx * bodies[i].vx
            + bodies[i].vy * bodies[i].vy + bodies[i].vz * bodies[i].vz);
        for (int j = i + 1; j <= NBODIES; j++) {
            double dx = bodies[i].x - bodies[j].x;
            double dy = bodies[i].y - bodies[j].y;
            double dz = bodies[i].z - bodies[j].z;
            e = e - bodies[i].mass * bodies[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(double dt)
{
    for (int i = 1; i <= NBODIES; i++)
        for (int j = i + 1; j <= NBODIES; j++) {
            double dx = bodies[i].x - bodies[j].x;
            double dy = bodies[i].y - bodies[j].y;
            double dz = bodies[i].z - bodies[j].z;
            double dsq = dx * dx + dy * dy + dz * dz;
            double dist = sqrt(dsq);
            double mag = dt / (dsq * dist);
            double mi = bodies[i].mass * mag;
            double mj = bodies[j].mass * mag;
            bodies[i].vx = bodies[i].vx - dx * mj;
            bodies[i].vy = bodies[i].vy - dy * mj;
            bodies[i].vz = bodies[i].vz - dz * mj;
            bodies[j].vx = bodies[j].vx + dx * mi;
            bodies[j].vy = bodies[j].vy + dy * mi;
            bodies[j].vz = bodies[j].vz + dz * mi;
        }
    for (int i = 1; i <= NBODIES; i++) {
        bodies[i].x = bodies[i].x + dt * bodies[i].vx;
        bodies[i].y = bodies[i].y + dt * bodies[i].vy;
        bodies[i].z = bodies[i].z + dt * bodies[i].vz;
    }
}

int main(void)
{
    init();
    offsetmomentum();
    double scale = 1000000000.0;
    double e0 = energy();
    for (int step = 1; step <= STEPS; step++)
        advance(0.01);
    double e1 = energy();
    printf("%d %d\n", (int)(-e0 * scale), (int)(-e1 * scale));
    return 0;
}
