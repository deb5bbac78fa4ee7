/*
 * bench-gen.c -- the benchmark's extracts: the four default-schema CSVs at
 * a given number of visits, and a site config for them.
 *
 * Usage: bench-gen VISITS OUTDIR [DYADS]
 * Writes OUTDIR/visits.csv, denials.csv, handoffs.csv, burnout.csv and
 * site.ini: DYADS dyads (default 3, at most 250) of 4 departments each,
 * rows spread evenly over the departments; the first 12 departments and
 * 3 dyads are named as in a real site, further ones get generated codes
 * (D013, D014, ...) and names (Dyad 4, ...), so the default writes the same
 * bytes as before the argument existed. 24 months ending 2026-10, weekday
 * visits in date order; denials ~15 %, handoffs ~30 % and survey responses
 * ~2 % of the visit count. Provider, payer and service names carry commas,
 * accents and doubled quotes, quoted as Excel and Python write them.
 * Deterministic: one splitmix64 stream with a fixed seed and only integer
 * arithmetic, so the same VISITS gives the same bytes on any machine.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NDEPT 12                        /* named departments */
#define MAXDYADS 250
#define NDAYS 730                       /* 2024-11-01 .. 2026-10-31 */

static const char *const named_dept[NDEPT] = {
	"ONC", "RADONC", "INF", "HEME", "FM", "IM", "PEDS", "GERI",
	"GSURG", "ORTHO", "URO", "ENT"};
static const char *const first[] = {
	"Ana", "Siobhán", "José", "Zoë", "Bjørn", "Priya", "Łukasz", "Renée",
	"Omar", "Mei Lin", "Grace", "Kevin", "François", "Amara", "Henrik", "Yuki"};
static const char *const last[] = {
	"O'Brien", "Núñez", "Ångström", "Okafor", "Smith \"\"JJ\"\"", "Lefèvre",
	"Wójcik", "Al-Sayed", "Tan", "Goldberg", "Park", "Østergaard", "Diallo"};
static const char *const payer[] = {
	"Aetna", "\"BlueCross BlueShield, Inc.\"", "Cigna", "Humana",
	"Medicare Advantage – Sunrise", "UnitedHealthcare",
	"\"Medicaid \"\"Managed Care\"\", Region 4\"", "Tricare"};
static const char *const service[] = {
	"PET-CT", "78815", "MRI Brain", "\"CT Chest, w/o contrast\"",
	"Genetic testing panel", "IMRT planning", "J9271", "Sleep study",
	"GLP-1 agonist", "\"Knee arthroplasty, total\"", "47562", "Echocardiogram"};
static const char *const reason[] = {
	"MISSING_DOCUMENTATION", "CODING_ERROR", "MEDICAL_NECESSITY",
	"AUTHORIZATION", "ELIGIBILITY", "TIMELY_FILING", "OTHER"};
static const char *const htype[] = {
	"SHIFT_CHANGE", "DISCHARGE", "REFERRAL", "RESULT_FOLLOWUP", "OTHER"};
static const char *const tool[] = {"SBAR", "IPASS", "NONE", ""};
static const char *const role[] = {
	"PHYSICIAN", "APP", "NURSE", "ADMINISTRATOR", "STAFF"};
#define N(a) (sizeof(a) / sizeof *(a))

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

/* day 0 is 2024-11-01 (a Friday); civil date from a day count. */
static void date_of(long day, char out[16])
{
	long z = day + 20028 + 719468;      /* 2024-11-01 is day 20028 */
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, 16, "%04d-%02d-%02d", (int)(y + (m <= 2)), (int)m, (int)d);
}

static int weekday(long day)                 /* 0 = Monday */
{
	return (int)((day + 4) % 7);
}

/* DIR/NAME opened for writing, with header (NULL for none) written. */
static FILE *open_out(const char *dir, const char *name, const char *header)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	if (header)
		fputs(header, f);
	return f;
}

static void close_out(FILE *f)
{
	if (fclose(f) != 0) {
		perror("bench-gen");
		exit(1);
	}
}

/* The day of the i-th of n events spread over the weekdays in order. */
static long spread_day(const long *wd, long nwd, long i, long n)
{
	return wd[(long)((double)i * nwd / n)];
}

int main(int argc, char **argv)
{
	long ndyads = argc == 4 ? atol(argv[3]) : 3;
	if (argc < 3 || argc > 4 || atol(argv[1]) < 1 || ndyads < 1 || ndyads > MAXDYADS) {
		fprintf(stderr, "usage: bench-gen VISITS OUTDIR [DYADS (1-%d, default 3)]\n", MAXDYADS);
		return 2;
	}
	long nv = atol(argv[1]);
	const char *dir = argv[2];
	mkdir(dir, 0777);
	unsigned ndept = (unsigned)ndyads * 4;
	static char codes[MAXDYADS * 4][8];
	const char *dept[MAXDYADS * 4];
	for (unsigned i = 0; i < ndept; i++) {
		if (i < NDEPT)
			dept[i] = named_dept[i];
		else {
			snprintf(codes[i], sizeof codes[i], "D%03u", i + 1);
			dept[i] = codes[i];
		}
	}
	long wd[NDAYS], nwd = 0, all[NDAYS];
	for (long d = 0; d < NDAYS; d++) {
		all[d] = d;
		if (weekday(d) < 5)
			wd[nwd++] = d;
	}
	long npat = nv / 3 > 1000 ? nv / 3 : 1000;
	char date[16], date2[16];

	FILE *f = open_out(dir, "visits.csv",
	             "visit_id,visit_date,patient_id,provider_id,provider_name,department,"
	      "visit_type,status,booked_date,duration_min,wrvu\n");
	for (long i = 0; i < nv; i++) {
		long day = spread_day(wd, nwd, i, nv);
		unsigned dp = pick(ndept), pr = dp * 20 + pick(20);
		unsigned st = pick(100);
		long lead = pick(8) ? (long)pick(30) : (long)pick(120);
		date_of(day, date);
		date_of(day - lead, date2);
		bool is_new = pick(100) < 18;
		unsigned w = is_new ? 160 + pick(190) : 70 + pick(210);
		fprintf(f, "V%09ld,%s,P%08ld,PR%04u,\"%s, %s\",%s,%s,%s,%s,%u,%u.%02u\n",
			i + 1, date, (long)(next() % (uint64_t)npat) + 1, pr,
			last[pr % N(last)], first[pr % N(first)], dept[dp],
			is_new ? "NEW" : "ESTABLISHED",
			st < 84 ? "COMPLETED" : st < 93 ? "NO_SHOW" : "CANCELLED",
			date2, 10 + pick(50), w / 100, w % 100);
	}
	close_out(f);

	long nd = nv * 15 / 100;
	f = open_out(dir, "denials.csv",
	             "request_id,department,payer,service,submitted_date,decision_date,"
	      "status,denial_reason,appeal_status,amount\n");
	for (long i = 0; i < nd; i++) {
		long day = spread_day(wd, nwd, i, nd);
		unsigned st = pick(100), ap = pick(10);
		long wait = 1 + pick(20);
		date_of(day, date);
		bool pending = st >= 96 || day + wait > NDAYS - 1;
		bool denied = !pending && st < 11;
		if (!pending)
			date_of(day + wait, date2);
		fprintf(f, "PA%08ld,%s,%s,%s,%s,%s,%s,%s,%s,%u.%02u\n",
			i + 1, dept[pick(ndept)], payer[pick(N(payer))],
			service[pick(N(service))], date, pending ? "" : date2,
			pending ? "PENDING" : denied ? "DENIED" : "APPROVED",
			denied ? reason[pick(N(reason))] : "",
			denied && ap < 4 ? (ap < 2 ? "OVERTURNED" : ap < 3 ? "UPHELD" : "PENDING") : "",
			100 + pick(20000), pick(100));
	}
	close_out(f);

	long nh = nv * 30 / 100;
	f = open_out(dir, "handoffs.csv",
	             "handoff_id,handoff_date,department,handoff_type,completed,"
	      "hours_to_complete,window_hours,structured_tool\n");
	for (long i = 0; i < nh; i++) {
		long day = spread_day(all, NDAYS, i, nh);
		bool done = pick(100) < 93;
		date_of(day, date);
		unsigned h = pick(720);
		fprintf(f, "H%09ld,%s,%s,%s,%s,", i + 1, date, dept[pick(ndept)],
			htype[pick(N(htype))], done ? "Y" : "N");
		if (done)
			fprintf(f, "%u.%u", h / 10, h % 10);
		fprintf(f, ",%s,%s\n", pick(5) ? "" : "48", tool[pick(N(tool))]);
	}
	close_out(f);

	long nb = nv * 2 / 100;
	f = open_out(dir, "burnout.csv",
	             "response_id,survey_date,department,role,burnout,satisfaction,"
	      "stress,trust_leadership,teamwork\n");
	for (long i = 0; i < nb; i++) {
		/* one two-week wave at the start of each quarter (Jan/Apr/Jul/Oct) */
		long q = (long)pick(8), day = 61 + q * 91 + (long)pick(14);
		if (day >= NDAYS)
			day = NDAYS - 1;
		date_of(day, date);
		fprintf(f, "R%09ld,%s,%s,%s,%u,%u,%u,%u,%u\n", i + 1, date,
			dept[pick(ndept)], role[pick(N(role))], 1 + pick(5),
			1 + pick(5), 1 + pick(5), 1 + pick(5), 1 + pick(5));
	}
	close_out(f);

	f = open_out(dir, "site.ini", NULL);
	fprintf(f,
		"; dyadreport benchmark site: %ld visits, written by bench-gen.\n"
		"[report]\norganization = Benchmark Health\nperiod = 2026-10\n"
		"months = 13\noutput = out\nformats = pdf, png, csv\n"
		"suppress_below = 5\nmax_bad_rows = 1%%\n\n"
		"[input]\nvisits = visits.csv\ndenials = denials.csv\n"
		"handoffs = handoffs.csv\nburnout = burnout.csv\n\n"
		"[dyad oncology]\nname = Oncology\nphysician = Dr. Ana Ruiz\n"
		"administrator = Mark Chen\ndepartments = ONC, RADONC, INF, HEME\n\n",
		nv);
	if (ndyads >= 2)
		fputs("[dyad primary-care]\nname = Primary Care\nphysician = Dr. Priya Raman\n"
		      "administrator = Siobhán O'Connor\ndepartments = FM, IM, PEDS, GERI\n\n", f);
	if (ndyads >= 3)
		fputs("[dyad surgery]\nname = Surgical Services\nphysician = Dr. José Núñez\n"
		      "administrator = Zoë Ångström\ndepartments = GSURG, ORTHO, URO, ENT\n\n", f);
	for (long d = 3; d < ndyads; d++)
		fprintf(f, "[dyad d%03ld]\nname = Dyad %ld\nphysician = Dr. Lead %ld\n"
		        "administrator = Admin %ld\ndepartments = %s, %s, %s, %s\n\n",
		        d + 1, d + 1, d + 1, d + 1, dept[d * 4], dept[d * 4 + 1],
		        dept[d * 4 + 2], dept[d * 4 + 3]);
	fputs("[target initial_denial_rate]\nvalue = 8%\nbetter = lower\n", f);
	close_out(f);
	return 0;
}
