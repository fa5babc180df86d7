// Whole-page tests of issue 14 ("Every interaction tells the truth"): custom agents on a phone
// need no sideways scroll and cut no step name or scenario; a step still named after its
// scenario follows a change of scenario while a name of the user's own stays; one of anything is
// said in the singular, and no sentence ends twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT,
  expectMetrics,
  input,
  openApp,
  screenshot,
  setInput,
  useApp,
  waitGone,
  waitVisible,
  withPage,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };
const PHONE = { viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
/** A step name longer than a phone's line: it must wrap, not be cut. */
const LONG_NAME = 'Look up the order in Business Central and answer with its delivery date';
/** Counts said in the plural after a 1 (the issue's list, and the steps' own units). */
const ONE_PLURAL = /\b1 (credits|steps|agents|runs|packs|days|users|responses|actions|items|months)\b/g;

/** Adds the question-answering and autonomous starters (every kind of step, the longest
 * scenario names), gives one step a long name, and opens every steps editor. */
async function addCustomAgents(page) {
  for (const starter of ['qa', 'autonomous']) {
    await page.locator(`[data-action="add-custom"][data-starter="${starter}"]`).click();
  }
  await waitVisible(page, 'section[data-custom="2"]', 'the second custom agent');
  await page.evaluate(() =>
    document.querySelectorAll('section[data-custom] details').forEach((d) => {
      d.open = true;
    }),
  );
  await waitVisible(page, '[data-input="custom.2.steps.4.scenario"]', "the last step's scenario");
  await setInput(page, 'custom.1.steps.1.name', LONG_NAME);
}

/**
 * What is wrong with the custom agents' layout in this window: a page wider than the window, an
 * element of a custom agent past its edge, a name or a chosen scenario not shown in full.
 */
function layoutProblems() {
  const problems = [];
  const de = document.documentElement;
  const vw = de.clientWidth;
  const what = (el) =>
    `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}` +
    `${el.dataset.input ? ` data-input="${el.dataset.input}"` : ''}>`;
  if (de.scrollWidth > vw) problems.push(`the page is ${de.scrollWidth} px wide in a ${vw} px window`);
  for (const el of document.querySelectorAll('section[data-custom], section[data-custom] *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5)) {
      problems.push(`${what(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
    }
  }
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (el, text) => {
    const cs = getComputedStyle(el);
    canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return canvas.measureText(text).width;
  };
  // Names: every character inside the field's box (a field that scrolls has cut its text).
  for (const el of document.querySelectorAll('section[data-custom] [data-input$=".name"]')) {
    if (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1) {
      problems.push(
        `${what(el)} cuts "${el.value}" (${el.scrollWidth}×${el.scrollHeight} px of text ` +
          `in ${el.clientWidth}×${el.clientHeight})`,
      );
    }
  }
  // Lists: the chosen option's text fits the list's box (its arrow takes about 20 px), or, where
  // the list is laid transparent over a box that shows the choice, that box shows it in full.
  for (const sel of document.querySelectorAll('section[data-custom] select')) {
    const text = sel.selectedOptions[0]?.text ?? '';
    const cs = getComputedStyle(sel);
    if (Number(cs.opacity) === 0) {
      const shown = [...sel.parentElement.children].find(
        (e) => e !== sel && getComputedStyle(e).display !== 'none' && e.textContent.trim(),
      );
      if (!shown || shown.textContent.trim() !== text) {
        problems.push(`${what(sel)} is transparent, and what shows is "${shown?.textContent}", not "${text}"`);
      } else if (shown.scrollWidth > shown.clientWidth || shown.scrollHeight > shown.clientHeight + 1) {
        problems.push(`${what(shown)} cuts "${text}"`);
      }
    } else {
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
      const need = textWidth(sel, text);
      if (need > room) {
        problems.push(`${what(sel)} cuts "${text}" (${Math.round(need)} px of text in ${Math.round(room)})`);
      }
    }
  }
  return problems;
}

/**
 * The page's text as a reader meets it: every part opened (lazy parts drawn), the body's text,
 * and each field's value with the unit written after it ("1 response").
 */
async function readablePageText(page) {
  await page.evaluate(() =>
    document.querySelectorAll('details').forEach((d) => {
      d.open = true;
    }),
  );
  await page.waitForFunction(
    () => [...document.querySelectorAll('details')].every((d) => d.open && d.children.length > 1),
    null,
    { timeout: 5_000 },
  );
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('.field-control')]
      .map((c) => {
        const value = c.querySelector('input')?.value ?? '';
        const unit = c.querySelector('.field-unit')?.textContent ?? '';
        return value && unit ? `${value} ${unit}` : '';
      })
      .filter(Boolean);
    return [document.body.innerText, ...fields].join('\n');
  });
}

/** Bills step `key` (`custom.1.steps.0`) as the scenario called `name` on the rate card. */
async function billAs(page, key, name) {
  const select = input(page, `${key}.scenario`);
  const value = await select.evaluate(
    (el, name) => [...el.options].find((o) => o.text.trim().startsWith(name))?.value,
    name,
  );
  assert.ok(value !== undefined, `${key}.scenario offers no "${name}"`);
  await select.selectOption(value);
}

/** The lines of `text` with a 1 followed by a plural, or a sentence ending twice (".."). */
function wordingProblems(text) {
  return text
    .split('\n')
    .filter((line) => line.match(ONE_PLURAL) || line.includes('..'))
    .map((line) => line.trim());
}

describe('custom agents on a phone', () => {
  test('at 390 px: no sideways scroll; step names and scenarios in full', opts, async (t) => {
    await withPage(browser, t, PHONE, async (page) => {
      await openApp(page, url);
      await addCustomAgents(page);
      const problems = await page.evaluate(layoutProblems);
      t.diagnostic(`screenshot: ${await screenshot(page, 'phone-custom-390.png')}`);
      assert.deepEqual(problems, [], 'the custom agents fit a 390 px window and cut no text');
      // The long name is there in full, on more than one line.
      const name = input(page, 'custom.1.steps.1.name');
      assert.equal(await name.inputValue(), LONG_NAME);
    });
  });

  test('at 1280 px: the same, and a step is laid out on two rows', opts, async (t) => {
    await withPage(browser, t, DESKTOP, async (page) => {
      await openApp(page, url);
      await addCustomAgents(page);
      const problems = await page.evaluate(layoutProblems);
      t.diagnostic(`screenshot: ${await screenshot(page, 'phone-custom-1280.png')}`);
      assert.deepEqual(problems, [], 'the custom agents fit a 1280 px window and cut no text');
      // Name and scenario side by side; the three numbers side by side below them.
      const top = async (key) => (await input(page, key).boundingBox()).y;
      const [name, scenario, events, items, share] = await Promise.all(
        ['name', 'scenario', 'events', 'items', 'share'].map((f) => top(`custom.2.steps.0.${f}`)),
      );
      assert.ok(Math.abs(name - scenario) < 8, `name (${name}) and scenario (${scenario}) share a row`);
      assert.ok(events > name + 20, 'the numbers come below the name');
      assert.ok(Math.abs(events - items) < 2 && Math.abs(items - share) < 2, 'the numbers share a row');
    });
  });
});

describe('a step named after its scenario', () => {
  test("follows a new scenario; a name of the user's own stays", opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('[data-action="add-custom"][data-starter="blank"]').click();
      await waitVisible(page, 'section[data-custom="1"]', 'the blank custom agent');
      const name = (n) => input(page, `custom.1.steps.${n}.name`);
        assert.equal(await name(0).inputValue(), 'Generative answer', "the blank starter's step");

      // Still under its scenario's name: takes the new scenario's.
      await billAs(page, 'custom.1.steps.0', 'Classic answer');
      await expectMetrics(page, { 'custom.1.credits_per_run': '1' });
      assert.equal(await name(0).inputValue(), 'Classic answer', 'a default-named step follows its scenario');

      // Renamed by the user: kept.
      await setInput(page, 'custom.1.steps.0.name', 'Greet the employee');
      await billAs(page, 'custom.1.steps.0', 'Agent action');
      await expectMetrics(page, { 'custom.1.credits_per_run': '5' });
      assert.equal(await name(0).inputValue(), 'Greet the employee', "the user's name stays");

      // A new step is named after its scenario, and follows it too.
      await page.locator('section[data-custom="1"] [data-action="add-step"]').click();
      await waitVisible(page, '[data-input="custom.1.steps.1.name"]', 'the new step');
      assert.equal(await name(1).inputValue(), 'Generative answer', 'a new step');
      await billAs(page, 'custom.1.steps.1', 'Tenant graph grounding');
      await expectMetrics(page, { 'custom.1.credits_per_run': '15' });
      assert.equal(await name(1).inputValue(), 'Tenant graph grounding', 'the new step follows its scenario');
      assert.equal(await name(0).inputValue(), 'Greet the employee', 'the other step is untouched');
      // What drives the bill says the same.
      const drivers = await page.locator('.drivers').innerText();
      assert.match(drivers, /Tenant graph grounding/);
      assert.doesNotMatch(drivers, /Generative answer/, 'no step is left under its old name');

      // A starter's descriptive name is the user's kind of name: kept.
      await page.locator('[data-action="add-custom"][data-starter="qa"]').click();
      await waitVisible(page, '[data-input="custom.2.steps.0.scenario"]', "the question-answering agent's first step");
      await billAs(page, 'custom.2.steps.0', 'Generative answer');
      await expectMetrics(page, { 'custom.2.credits_per_run': '9' });
      assert.equal(await input(page, 'custom.2.steps.0.name').inputValue(), 'Greeting and topic routing');
    });
  });
});

/** The page with one agent only: a blank custom agent whose one step is a classic answer. */
async function oneAgentOfOneStep(page) {
  await openApp(page, url);
  await page.locator('[data-action="add-custom"][data-starter="blank"]').click();
  await waitVisible(page, 'section[data-custom="1"]', 'the blank custom agent');
  for (const agent of ['sales_order', 'payables']) {
    await page.locator(`section[data-agent="${agent}"] [data-action="remove-agent"]`).click();
  }
  await waitGone(page, 'section[data-agent]', 'the reference agents');
  await billAs(page, 'custom.1.steps.0', 'Classic answer');
}

describe('words', () => {
  test('one agent of one step of 1 credit: singular where it is one, no ".."', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await oneAgentOfOneStep(page);
      await expectMetrics(page, {
        'custom.1.credits_per_run': '1',
        'custom.1.credits_per_month': '100',
        'total.credits_per_month': '100',
      });
      const text = await readablePageText(page);
      assert.deepEqual(wordingProblems(text), [], 'lines with a 1 before a plural, or ending ".."');
      // And the singular is there: the card, its figure, the step and its rate.
      const card = await page.locator('section[data-custom="1"]').innerText();
      assert.match(card, /1 step on the rate card/);
      assert.match(card, /Per run \(average\)\s*1 credit\b/);
      assert.match(card, /Step 1: 1 credit per run/);
      assert.match(card, /1 credit per response/);
      assert.match(text, /\b1 response\b/, "the step's events: 1 response");
    });
  });

  // Everything that counts: figures and their units, the bill's lines and legend, the fields'
  // units, the derivations, the policies' notes.
  test(
    'a month of 1 credit on 1 pack for 1 user: singular everywhere',
    opts,
    async (t) => {
      await withPage(browser, t, async (page) => {
        await oneAgentOfOneStep(page);
        await setInput(page, 'custom.1.runs', '1');
        await expectMetrics(page, { 'total.credits_per_month': '1' });
        await readablePageText(page);
        await setInput(page, 'billing.packs', '1');
        await setInput(page, 'billing.users', '1');
        const text = await readablePageText(page);
        assert.deepEqual(wordingProblems(text), [], 'lines with a 1 before a plural, or ending ".."');
        assert.doesNotMatch(text, /\b1 Copilot Credits\b/);
      });
    },
  );

  test(
    "a link's ignored parts: the notice ends once",
    opts,
    async (t) => {
      await withPage(browser, t, async (page) => {
        await openApp(page, `${url}?payables.lines=99999`);
        const notice = page.locator('[data-notice="link-ignored"]');
        await waitVisible(page, '[data-notice="link-ignored"]', 'the link notice');
        assert.doesNotMatch(await notice.innerText(), /\.\.|\.;/);
      });
    },
  );
});
