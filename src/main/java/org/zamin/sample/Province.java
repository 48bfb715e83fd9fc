package org.zamin.sample;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One of Iran's 31 provinces: a short code (as used by the sample data), the ISO 3166-2:IR number,
 * English and Persian names, an approximate centre for placing synthetic estates (moved inland where
 * the capital is on the coast) and a relative weight of industrial activity.
 */
public record Province(String code, String iso, String name, String nameFa, double lat, double lon, double weight) {

    /** All 31 provinces, in ISO 3166-2:IR number order. */
    public static final List<Province> ALL = List.of(
            new Province("MRK", "IR-00", "Markazi", "مرکزی", 34.09, 49.70, 4),
            new Province("GIL", "IR-01", "Gilan", "گیلان", 37.10, 49.60, 3),
            new Province("MAZ", "IR-02", "Mazandaran", "مازندران", 36.42, 52.95, 4),
            new Province("EAZ", "IR-03", "East Azerbaijan", "آذربایجان شرقی", 38.08, 46.29, 5),
            new Province("WAZ", "IR-04", "West Azerbaijan", "آذربایجان غربی", 37.55, 45.20, 3),
            new Province("KSH", "IR-05", "Kermanshah", "کرمانشاه", 34.31, 47.07, 2),
            new Province("KHZ", "IR-06", "Khuzestan", "خوزستان", 31.32, 48.67, 5),
            new Province("FAR", "IR-07", "Fars", "فارس", 29.59, 52.58, 5),
            new Province("KRN", "IR-08", "Kerman", "کرمان", 30.28, 57.08, 4),
            new Province("KRZ", "IR-09", "Razavi Khorasan", "خراسان رضوی", 36.30, 59.60, 6),
            new Province("ISF", "IR-10", "Isfahan", "اصفهان", 32.65, 51.67, 7),
            new Province("SBL", "IR-11", "Sistan and Baluchestan", "سیستان و بلوچستان", 29.50, 60.86, 2),
            new Province("KRD", "IR-12", "Kurdistan", "کردستان", 35.31, 47.00, 2),
            new Province("HMD", "IR-13", "Hamadan", "همدان", 34.80, 48.51, 3),
            new Province("CHB", "IR-14", "Chaharmahal and Bakhtiari", "چهارمحال و بختیاری", 32.33, 50.86, 1.5),
            new Province("LRS", "IR-15", "Lorestan", "لرستان", 33.49, 48.36, 2),
            new Province("ILM", "IR-16", "Ilam", "ایلام", 33.64, 46.42, 1.5),
            new Province("KBA", "IR-17", "Kohgiluyeh and Boyer-Ahmad", "کهگیلویه و بویراحمد", 30.67, 51.59, 1.5),
            new Province("BSH", "IR-18", "Bushehr", "بوشهر", 29.27, 51.22, 2),
            new Province("ZNJ", "IR-19", "Zanjan", "زنجان", 36.67, 48.48, 3),
            new Province("SMN", "IR-20", "Semnan", "سمنان", 35.57, 53.39, 3),
            new Province("YZD", "IR-21", "Yazd", "یزد", 31.90, 54.36, 4),
            new Province("HRM", "IR-22", "Hormozgan", "هرمزگان", 27.40, 56.35, 2),
            new Province("THR", "IR-23", "Tehran", "تهران", 35.60, 51.40, 8),
            new Province("ARD", "IR-24", "Ardabil", "اردبیل", 38.25, 48.29, 2),
            new Province("QOM", "IR-25", "Qom", "قم", 34.64, 50.88, 3),
            new Province("QZV", "IR-26", "Qazvin", "قزوین", 36.27, 50.00, 4),
            new Province("GLS", "IR-27", "Golestan", "گلستان", 36.78, 54.44, 2),
            new Province("NKH", "IR-28", "North Khorasan", "خراسان شمالی", 37.47, 57.33, 1.5),
            new Province("SKH", "IR-29", "South Khorasan", "خراسان جنوبی", 32.87, 59.22, 1.5),
            new Province("ALB", "IR-30", "Alborz", "البرز", 35.83, 50.99, 3));

    /** Gilan, the province of the shipped sample. */
    public static final Province GILAN = byCode("GIL");

    /** The province with this short code. */
    public static Province byCode(String code) {
        for (Province p : ALL) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown province " + code);
    }

    /** The {@code {code, name, nameFa}} object used in estate properties. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", code);
        o.put("name", name);
        o.put("nameFa", nameFa);
        return o;
    }
}
