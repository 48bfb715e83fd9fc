package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.zamin.allocation.InspectionPhotoFiles;
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;

/**
 * An officer records an inspection with photos from the contract page, adds the device's position for a photo
 * without its own, and sees each photo placed, the one taken elsewhere flagged, in English and Persian.
 */
class InspectionPhotoBrowserTest {

    private static Browser browser;
    private static UiFixture fixture;

    @BeforeAll
    static void setUp() {
        browser = new Browser();
        fixture = new UiFixture();
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void photosArePlacedAndAFarOneIsFlagged(String language) throws IOException {
        WebDriver d = browser.driver();
        var centre = TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                SELECT ST_X(ST_Centroid(p.geom)) AS lon, ST_Y(ST_Centroid(p.geom)) AS lat
                  FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id WHERE ap.allocation_id = :a""")
                .bind("a", fixture.quietAllocation).mapToMap().one());
        double lon = ((Number) centre.get("lon")).doubleValue(), lat = ((Number) centre.get("lat")).doubleValue();
        Path near = Files.createTempFile("zamin-no-gps-", ".png");
        Path far = Files.createTempFile("zamin-far-", ".jpg");
        Files.write(near, InspectionPhotoFiles.png());
        Files.write(far, InspectionPhotoFiles.jpegAt(lon + 0.05, lat)); // about 4.8 km east
        ChromeDriver chrome = (ChromeDriver) d;
        try {
            chrome.executeCdpCommand("Browser.grantPermissions", Map.of("origin", TestServer.get().baseUrl(),
                    "permissions", List.of("geolocation")));
            chrome.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon,
                    "accuracy", 8));
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, fixture.officer.email());
            UiFixture.go(browser, "#/contract/" + fixture.quietAllocation);
            d.findElement(By.id("desk-locate")).click();
            UiFixture.wait(browser, 15).until(x -> !x.findElement(By.id("desk-device-lat")).getAttribute("value").isEmpty());
            d.findElement(By.id("desk-inspection-photos")).sendKeys(near + "\n" + far);
            d.findElement(By.id("desk-inspection-notes")).sendKeys("Photo round " + language);
            d.findElement(By.cssSelector("#desk-inspection-form button[type='submit']")).click();
            // this run's inspection (the other language's run added one before it): its photos, read in one step
            String notes = "Photo round " + language;
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) UiFixture.wait(browser, 15).until(x -> {
                Object found = browser.script("""
                        const li = [...document.querySelectorAll('#contract-reports li')]
                          .find((e) => e.textContent.includes(arguments[0]));
                        const photos = li ? [...li.querySelectorAll('.inspection-photo-list li')] : [];
                        return photos.length < 2 ? null : photos.map((p) => ({ source: p.dataset.source,
                          cls: p.className, text: p.textContent }));""", notes);
                return found;
            });
            assertEquals(List.of("DEVICE", "EXIF"), items.stream().map(e -> e.get("source")).toList());
            assertEquals(List.of("photo-near", "photo-far"), items.stream().map(e -> e.get("cls")).toList());
            String text = (String) items.get(1).get("text");
            assertTrue("fa".equals(language) ? text.contains("عکس ۲") && text.contains("دور از قطعه")
                    : text.contains("Photo 2") && text.contains("far from it"), text);
            assertEquals(List.of(), browser.consoleErrors(), "no console error");
        } finally {
            chrome.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
            Files.deleteIfExists(near);
            Files.deleteIfExists(far);
        }
    }
}
