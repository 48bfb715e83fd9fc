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
 * The second shipped province sample: the industrial estates of Qazvin near their approximate real locations
 * (Alborz Industrial City, Lia and Kaspin along the Qazvin–Tehran freeway, Soleiman Darab by the city, Takestan,
 * Ziaabad and Abgarm to the west and south, Buin Zahra and Abyek), about 1,300 synthetic plots, internal roads,
 * utility feeders and the freeways and railway between them. {@link ShippedSamples#main} (re)writes
 * {@code gis-data/qazvin/*.geojson}.
 */
public final class QazvinSample {
    /** Fixed seed: the sample is identical on every run. */
    public static final long SEED = 20_260_301L;

    private static final String QIEC = "Qazvin Industrial Estates Company";
    private static final String IE = "INDUSTRIAL_ESTATE";

    private QazvinSample() {}

    /** The estate specifications, in output order. */
    static List<Spec> specs() {
        Province q = Province.ALL.stream().filter(p -> p.code().equals("QZV")).findFirst().orElseThrow();
        List<Spec> s = new ArrayList<>();
        s.add(new Spec("QZV-ALBORZ", "Alborz Industrial City", "شهر صنعتی البرز", IE, QIEC, q,
                50.170, 36.205, 380, 0, SizeMix.MIXED, StatusMix.MATURE, 38_000_000, 18, true, true));
        s.add(new Spec("QZV-LIA", "Lia Industrial Estate", "شهرک صنعتی لیا", IE, QIEC, q,
                50.270, 36.150, 150, 0, SizeMix.MIXED, StatusMix.NORMAL, 30_000_000, -10, true, true));
        s.add(new Spec("QZV-KASPIN", "Kaspin Industrial Estate", "شهرک صنعتی کاسپین", IE, QIEC, q,
                50.250, 36.250, 120, 0, SizeMix.MIXED, StatusMix.NORMAL, 29_000_000, 25, true, false));
        s.add(new Spec("QZV-SOLEIMANDARAB", "Soleiman Darab Industrial Estate", "شهرک صنعتی سلیمان داراب", IE, QIEC,
                q, 50.060, 36.300, 90, 0, SizeMix.SMALL, StatusMix.MATURE, 33_000_000, -5, true, false));
        s.add(new Spec("QZV-SWC", "Qazvin Small Workshop Complex", "مجتمع کارگاه‌های کوچک قزوین",
                "SMALL_WORKSHOP_COMPLEX", QIEC, q, 49.960, 36.250, 120, 0, SizeMix.SMALL, StatusMix.NORMAL,
                34_000_000, 8, true, true));
        s.add(new Spec("QZV-TAKESTAN", "Takestan Industrial Estate", "شهرک صنعتی تاکستان", IE, QIEC, q,
                49.700, 36.080, 110, 0, SizeMix.MIXED, StatusMix.NORMAL, 15_000_000, -22, true, false));
        s.add(new Spec("QZV-ZIAABAD", "Ziaabad Industrial Estate", "شهرک صنعتی ضیاءآباد", IE, QIEC, q,
                49.450, 35.990, 70, 0, SizeMix.MIXED, StatusMix.NEW, 9_000_000, 12, false, false));
        s.add(new Spec("QZV-ABGARM", "Abgarm (Avaj) Industrial Estate", "شهرک صنعتی آبگرم (آوج)", IE, QIEC, q,
                49.280, 35.760, 50, 0, SizeMix.MIXED, StatusMix.NEW, 7_000_000, 0, false, false));
        s.add(new Spec("QZV-BUINZAHRA", "Buin Zahra Industrial Estate", "شهرک صنعتی بوئین زهرا", IE, QIEC, q,
                50.060, 35.770, 100, 30, SizeMix.MIXED, StatusMix.NORMAL, 14_000_000, -15, true, false));
        s.add(new Spec("QZV-ABYEK", "Abyek Industrial Estate", "شهرک صنعتی آبیک", IE, QIEC, q,
                50.530, 36.040, 110, 0, SizeMix.LARGE, StatusMix.NORMAL, 22_000_000, 30, true, false));
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
        lines.add("road", "Qazvin–Tehran freeway", "QZV-SWC", "QZV-ALBORZ", 50.060, 36.230);
        lines.add("road", "Qazvin–Tehran freeway", "QZV-ALBORZ", "QZV-LIA", 50.220, 36.175);
        lines.add("road", "Qazvin–Tehran freeway", "QZV-LIA", "QZV-ABYEK", 50.400, 36.100);
        lines.add("road", "Mohammadiyeh–Kaspin road", "QZV-ALBORZ", "QZV-KASPIN");
        lines.add("road", "Qazvin ring road", "QZV-SWC", "QZV-SOLEIMANDARAB", 50.010, 36.285);
        lines.add("road", "Qazvin–Zanjan freeway", "QZV-SWC", "QZV-TAKESTAN", 49.850, 36.170);
        lines.add("road", "Takestan–Ziaabad road", "QZV-TAKESTAN", "QZV-ZIAABAD", 49.580, 36.030);
        lines.add("road", "Ziaabad–Avaj road", "QZV-ZIAABAD", "QZV-ABGARM", 49.360, 35.870);
        lines.add("road", "Qazvin–Buin Zahra road", "QZV-ALBORZ", "QZV-BUINZAHRA", 50.100, 36.000);
        lines.add("rail", "Tehran–Tabriz railway", "QZV-ABYEK", "QZV-ALBORZ", 50.380, 36.080, 50.230, 36.160);
        lines.add("rail", "Tehran–Tabriz railway", "QZV-ALBORZ", "QZV-TAKESTAN", 50.000, 36.180, 49.800, 36.110);
        return out;
    }
}
