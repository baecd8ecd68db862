package cn.zwgk.consolidator.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import cn.zwgk.consolidator.SampleSubmission;

/**
 * The portal as its users meet it, in Debian's Chromium driven by chromium-driver: a unit signs
 * in, uploads a broken file and reads the finding, uploads the fixed one and explains its
 * warning; the office sees the unit accepted with its 说明, runs the job and opens the report
 * with the new totals. {@code -Dportal.screenshots=docs} writes the screenshots of the README.
 */
class PortalInBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static PortalFixture portal;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        portal = new PortalFixture(Map.of("blank-as-zero", "true"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400",
                "--lang=zh-CN");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
                options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (portal != null) {
            portal.close();
        }
    }

    private static void signIn(String user) {
        browser.get(portal.base + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(portal.passwords.get(user));
        browser.findElement(By.id("sign-in")).click();
    }

    private static void upload(Path file) {
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("upload")).click();
    }

    private static void screenshot(String name) throws IOException {
        String folder = System.getProperty("portal.screenshots");
        if (folder != null) {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), Path.of(folder).resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void a_unit_fixes_its_file_and_explains_the_office_runs_the_job_and_reads_the_new_totals() throws IOException {
        Path broken = portal.folder.resolve("谯城区-初稿.csv");
        Files.write(broken, SampleSubmission.gov2019().plus("3", "1", "natural", 1).bytes());
        // 0 in the sample: left blank, read as 0 with a warning, and the totals stay the seed's
        Path fixed = portal.folder.resolve("谯城区-修改后.csv");
        Files.write(fixed, SampleSubmission.gov2019().with("4", "review", "corrected", "").bytes());

        signIn("qiaocheng");
        assertThat(browser.findElement(By.id("status")).getText()).contains("未报送");
        upload(broken);
        assertThat(browser.findElement(By.id("upload-result")).getText()).contains("未接收").contains("表三");
        upload(fixed);
        assertThat(browser.findElement(By.id("status")).getText()).contains("已接收");
        browser.findElement(By.cssSelector("form.explain textarea")).sendKeys("本年无复议纠正案件，漏填为空");
        browser.findElement(By.cssSelector("form.explain button")).click();
        assertThat(browser.findElement(By.id("findings")).getText()).contains("本年无复议纠正案件");
        screenshot("portal-unit.png");
        browser.findElement(By.cssSelector("header form button")).click();

        signIn("office");
        String row = browser.findElement(By.xpath("//table[@id='units']//tr[td/a[text()='qiaocheng']]")).getText();
        assertThat(row).contains("已接收").contains("已说明");
        browser.findElement(By.id("run-now")).click();
        assertThat(browser.findElement(By.id("run-result")).getText()).contains("退出状态 0");
        screenshot("portal-board.png");
        browser.findElement(By.linkText("report.html")).click();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("276").contains("本年无复议纠正案件");
    }
}
