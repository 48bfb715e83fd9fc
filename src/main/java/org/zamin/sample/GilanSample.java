package org.zamin.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zamin.sample.EstateLayout.SizeMix;
import org.zamin.sample.EstateLayout.Spec;
import org.zamin.sample.EstateLayout.StatusMix;

/**
 * The shipped province sample: the industrial estates and zones of Gilan at approximate real locations,
 * about a thousand synthetic plots, internal roads, utility feeders and a few trunk roads and rail lines.
 * {@link ShippedSamples#main} (re)writes {@code gis-data/gilan/*.geojson}.
 */
public final class GilanSample {
    /** Fixed seed: the sample is identical on every run. */
    public static final long SEED = 20_250_101L;

    private static final String GIEC = "Gilan Industrial Estates Company";
    private static final String AFZO = "Anzali Free Zone Organisation";
    private static final String IE = "INDUSTRIAL_ESTATE";

    private GilanSample() {}

    /** The estate specifications, in output order. */
    static List<Spec> specs() {
        Province g = Province.GILAN;
        List<Spec> s = new ArrayList<>();
        s.add(new Spec("GIL-RASHT", "Rasht Industrial City", "شهر صنعتی رشت", IE, GIEC, g,
                49.530, 37.180, 215, 0, SizeMix.MIXED, StatusMix.MATURE, 32_000_000, 28, true, true));
        s.add(new Spec("GIL-RASHT-SWC", "Rasht Small Workshop Complex", "مجتمع کارگاه‌های کوچک رشت",
                "SMALL_WORKSHOP_COMPLEX", GIEC, g, 49.592, 37.215, 120, 0, SizeMix.SMALL, StatusMix.NORMAL,
                36_000_000, -12, true, true));
        s.add(new Spec("GIL-SIAHKAL", "Siahkal Industrial Estate", "شهرک صنعتی سیاهکل", IE, GIEC, g,
                49.870, 37.150, 55, 0, SizeMix.MIXED, StatusMix.NORMAL, 12_000_000, 8, true, false));
        s.add(new Spec("GIL-LAHIJAN", "Lahijan Industrial Estate", "شهرک صنعتی لاهیجان", IE, GIEC, g,
                50.020, 37.210, 70, 0, SizeMix.MIXED, StatusMix.MATURE, 18_000_000, -20, true, true));
        s.add(new Spec("GIL-LAHIJAN-TEA", "Lahijan Tea Industry Cluster", "خوشه صنعتی چای لاهیجان", "CLUSTER",
                "Lahijan Tea Cluster Development Company", g, 50.062, 37.236, 25, 0, SizeMix.MIXED,
                StatusMix.NORMAL, 16_000_000, 15, true, false));
        s.add(new Spec("GIL-LANGARUD", "Langarud Industrial Estate", "شهرک صنعتی لنگرود", IE, GIEC, g,
                50.130, 37.170, 40, 0, SizeMix.MIXED, StatusMix.NORMAL, 10_000_000, -5, true, false));
        s.add(new Spec("GIL-RUDSAR", "Rudsar Industrial Estate", "شهرک صنعتی رودسر", IE, GIEC, g,
                50.270, 37.110, 35, 0, SizeMix.MIXED, StatusMix.NEW, 9_000_000, 22, true, false));
        s.add(new Spec("GIL-ASTANEH", "Astaneh-ye Ashrafiyeh Industrial Estate", "شهرک صنعتی آستانه اشرفیه", IE,
                GIEC, g, 49.960, 37.245, 40, 0, SizeMix.MIXED, StatusMix.NORMAL, 12_000_000, 0, true, false));
        s.add(new Spec("GIL-FUMAN", "Fuman Industrial Estate", "شهرک صنعتی فومن", IE, GIEC, g,
                49.350, 37.210, 45, 0, SizeMix.MIXED, StatusMix.NORMAL, 11_000_000, -30, true, false));
        s.add(new Spec("GIL-SOWMEHSARA", "Sowme'eh Sara Industrial Estate", "شهرک صنعتی صومعه‌سرا", IE, GIEC, g,
                49.360, 37.290, 40, 0, SizeMix.MIXED, StatusMix.NORMAL, 11_000_000, 12, true, false));
        s.add(new Spec("GIL-KHOMAM", "Khomam Industrial Zone", "ناحیه صنعتی خمام", "INDUSTRIAL_ZONE", GIEC, g,
                49.645, 37.375, 35, 0, SizeMix.MIXED, StatusMix.NORMAL, 15_000_000, -8, true, false));
        s.add(new Spec("GIL-TALESH", "Talesh (Hashtpar) Industrial Estate", "شهرک صنعتی تالش (هشتپر)", IE, GIEC,
                g, 48.930, 37.780, 40, 0, SizeMix.MIXED, StatusMix.NEW, 8_000_000, 5, true, false));
        s.add(new Spec("GIL-ASTARA", "Astara Industrial Estate", "شهرک صنعتی آستارا", IE, GIEC, g,
                48.860, 38.400, 45, 0, SizeMix.MIXED, StatusMix.NORMAL, 14_000_000, -15, true, false));
        s.add(new Spec("GIL-MANJIL", "Manjil (Rudbar) Industrial Estate", "شهرک صنعتی منجیل (رودبار)", IE, GIEC, g,
                49.400, 36.740, 40, 0, SizeMix.MIXED, StatusMix.NORMAL, 9_000_000, 35, true, false));
        s.add(new Spec("GIL-ANZALI-FZ1", "Anzali Free Zone, Industrial Zone 1", "منطقه آزاد انزلی – ناحیه صنعتی ۱",
                "FREE_ZONE", AFZO, g, 49.505, 37.458, 60, 0, SizeMix.LARGE, StatusMix.MATURE, 45_000_000, 10, true,
                true));
        s.add(new Spec("GIL-ANZALI-FZ2", "Anzali Free Zone, Industrial Zone 2", "منطقه آزاد انزلی – ناحیه صنعتی ۲",
                "FREE_ZONE", AFZO, g, 49.548, 37.438, 50, 24, SizeMix.LARGE, StatusMix.NORMAL, 40_000_000, 10, true,
                true));
        s.add(new Spec("GIL-ANZALI-FZ3", "Anzali Free Zone, Industrial Zone 3", "منطقه آزاد انزلی – ناحیه صنعتی ۳",
                "FREE_ZONE", AFZO, g, 49.592, 37.420, 45, 0, SizeMix.LARGE, StatusMix.PREPARING, 35_000_000, 10,
                false, false));
        return s;
    }

    /** Builds the sample. Deterministic: the same bundles on every call. */
    public static List<EstateBundle> build() {
        Random rnd = new Random(SEED);
        List<EstateBundle> out = new ArrayList<>();
        Map<String, double[][]> gates = new HashMap<>();
        for (Spec spec : specs()) {
            EstateLayout.Result r = EstateLayout.build(spec, new Random(rnd.nextLong()));
            out.add(r.bundle());
            gates.put(spec.code(), r.gates());
        }
        TrunkLines lines = new TrunkLines(out, gates);
        lines.add("road", "Qazvin–Rasht freeway", "GIL-MANJIL", "GIL-RASHT", 49.485, 36.905, 49.600, 37.030);
        lines.add("road", "Rasht–Anzali freeway", "GIL-RASHT", "GIL-ANZALI-FZ1", 49.585, 37.265, 49.520, 37.390);
        lines.add("road", "Anzali free zone link road", "GIL-ANZALI-FZ1", "GIL-ANZALI-FZ3", 49.550, 37.447);
        lines.add("road", "Rasht ring road to the workshop complex", "GIL-RASHT", "GIL-RASHT-SWC");
        lines.add("road", "Rasht–Lahijan road", "GIL-RASHT-SWC", "GIL-LAHIJAN", 49.700, 37.250, 49.850, 37.220);
        lines.add("road", "Kuchesfahan–Astaneh road", "GIL-RASHT-SWC", "GIL-ASTANEH", 49.770, 37.270);
        lines.add("road", "Lahijan–Siahkal road", "GIL-LAHIJAN", "GIL-SIAHKAL", 49.950, 37.175);
        lines.add("road", "Lahijan tea cluster access", "GIL-LAHIJAN", "GIL-LAHIJAN-TEA");
        lines.add("road", "Lahijan–Langarud road", "GIL-LAHIJAN", "GIL-LANGARUD", 50.080, 37.190);
        lines.add("road", "Langarud–Rudsar road", "GIL-LANGARUD", "GIL-RUDSAR", 50.200, 37.150);
        lines.add("road", "Rasht–Fuman road", "GIL-RASHT", "GIL-FUMAN", 49.450, 37.200);
        lines.add("road", "Fuman–Sowme'eh Sara road", "GIL-FUMAN", "GIL-SOWMEHSARA");
        lines.add("road", "Rasht–Khomam road", "GIL-RASHT-SWC", "GIL-KHOMAM", 49.640, 37.300);
        lines.add("road", "Anzali–Talesh coastal road", "GIL-ANZALI-FZ1", "GIL-TALESH", 49.300, 37.500,
                49.080, 37.600, 48.960, 37.700);
        lines.add("road", "Talesh–Astara coastal road", "GIL-TALESH", "GIL-ASTARA", 48.920, 37.950,
                48.880, 38.200);
        lines.add("rail", "Qazvin–Rasht railway", "GIL-MANJIL", "GIL-RASHT", 49.470, 36.900, 49.560,
                37.050);
        lines.add("rail", "Rasht–Caspian railway (under construction)", "GIL-RASHT", "GIL-ANZALI-FZ2",
                49.560, 37.300, 49.560, 37.400);
        return out;
    }
}
